using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Frameworks;

/// <summary>
/// A framework file nested absurdly deep is refused with a message, instead of overflowing the stack and taking the
/// process down (issue 15, hardening finding 4; issue 14, defect 8). Frameworks are read at every start of the app.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class FrameworkDepthTests
{
    [Theory]
    [InlineData("flow sequences", 30_000)]
    [InlineData("block mappings", 2_000)]
    public void A_file_nested_beyond_the_limit_is_refused_with_its_place_and_the_limit(string how, int depth)
    {
        var yaml = how == "flow sequences"
            ? "id: deep\nversion: '1'\nthemes: " + new string('[', depth) + new string(']', depth) + "\n"
            : "id: deep\nversion: '1'\nthemes:\n" + string.Concat(Enumerable.Range(1, depth).Select(i => new string(' ', i) + "k:\n"));

        var error = Assert.Throws<FrameworkLoadException>(() => FrameworkLoader.LoadYaml(yaml, "deep.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(how == "flow sequences" ? 3 : 3 + FrameworkLoader.MaxNesting, problem.Line); // where the limit is crossed
        Assert.Contains($"more than {FrameworkLoader.MaxNesting} levels", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mega_file_is_well_within_the_limit()
    {
        var framework = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));

        Assert.Equal("mega-2018", framework.Id);
    }
}
