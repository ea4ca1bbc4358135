using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;
using static MegaBench.Tests.Frameworks.FrameworkYamlTemplate;

namespace MegaBench.Tests.Frameworks;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class FrameworkLoaderDirectoryTests
{
    [Fact]
    public void Every_yaml_file_loads_in_order_of_file_name()
    {
        using var folder = new TempFolder();
        folder.Write("b-second.yaml", With(("id: test-fw", "id: second")));
        folder.Write("a-first.yaml", With(("id: test-fw", "id: first")));
        folder.Write("c-third.yaml", With(("version: \"1.0\"", "version: \"2.0\"")));
        folder.Write("notes.txt", "not a framework");
        folder.Write("old.yaml.bak", "not a framework either");

        var frameworks = FrameworkLoader.LoadDirectory(folder.Path);

        Assert.Equal([("first", "1.0"), ("second", "1.0"), ("test-fw", "2.0")], frameworks.Select(f => (f.Id, f.Version)));
    }

    [Fact]
    public void Empty_folder_loads_no_framework()
    {
        using var folder = new TempFolder();

        Assert.Empty(FrameworkLoader.LoadDirectory(folder.Path));
    }

    [Fact]
    public void Same_id_and_version_in_two_files_is_rejected_naming_both()
    {
        using var folder = new TempFolder();
        var first = folder.Write("a.yaml", Valid);
        var second = folder.Write("b.yaml", "# the same version, edited\n" + With(("B helps with finance.", "B helps with funding.")));

        var failure = Assert.Throws<FrameworkLoadException>(() => FrameworkLoader.LoadDirectory(folder.Path));

        var problem = Assert.Single(failure.Problems);
        Assert.Equal(
            new FrameworkProblem(second, 2, 5, $"framework 'test-fw' version '1.0' is already defined in {first}:1; give the edited framework a new version number, or remove one of the two files"),
            problem);
    }

    [Fact]
    public void One_invalid_file_fails_the_whole_folder_with_the_problems_of_every_file()
    {
        using var folder = new TempFolder();
        folder.Write("a-valid.yaml", With(("id: test-fw", "id: valid")));
        var broken = folder.Write("b-broken.yaml", With(("[finance]  # BBB-2.01 themes", "[]  # BBB-2.01 themes")));
        var malformed = folder.Write("c-malformed.yaml", "id: [unclosed\n");

        var failure = Assert.Throws<FrameworkLoadException>(() => FrameworkLoader.LoadDirectory(folder.Path));

        Assert.Equal([broken, malformed], failure.Problems.Select(p => p.File));
        AssertProblem(failure, broken, LineOf(Valid, "BBB-2.01 themes"), "indicator BBB-2.01 has no theme");
        AssertProblem(failure, malformed, 2, "the file is not valid YAML");
    }

    [Fact]
    public void Missing_folder_is_reported_by_its_path()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "nowhere");

        var failure = Assert.Throws<FrameworkLoadException>(() => FrameworkLoader.LoadDirectory(missing));

        Assert.Equal($"{missing}: the folder does not exist; check the path of the folder that holds the framework *.yaml files", failure.Message);
    }
}
