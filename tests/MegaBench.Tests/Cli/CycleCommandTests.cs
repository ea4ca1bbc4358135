using System.Globalization;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Learning;

namespace MegaBench.Tests.Cli;

/// <summary><c>megabench export cycle</c> and <c>megabench import cycle</c>.</summary>
public sealed class CycleCommandTests
{
    [Fact]
    public async Task A_cycle_exported_and_imported_elsewhere_exports_the_same_bytes()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(source);
        var into = await new CycleBuilder().Named("Another cycle").BuildAsync(target);
        var folder = Directory.CreateTempSubdirectory("megabench-cycle-");
        try
        {
            var first = Path.Combine(folder.FullName, "first.json");
            var second = Path.Combine(folder.FullName, "second.json");

            var exported = await CliRunner.RunAsync(source, "export", "cycle", built.CycleId.ToString(CultureInfo.InvariantCulture), "--output", first);
            var imported = await CliRunner.RunAsync(target, "import", "cycle", first, "--network", into.NetworkId.ToString(CultureInfo.InvariantCulture));
            var id = imported.Out.Split("Its id is ")[1].TrimEnd('.', '\n', '\r');
            var again = await CliRunner.RunAsync(target, "export", "cycle", id, "--output", second);
            var refused = await CliRunner.RunAsync(target, "import", "cycle", first, "--network", into.NetworkId.ToString(CultureInfo.InvariantCulture));

            Assert.True(exported.ExitCode == 0, exported.ToString());
            Assert.True(imported.ExitCode == 0, imported.ToString());
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal(await File.ReadAllBytesAsync(first, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(second, TestContext.Current.CancellationToken));
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("nothing was written", refused.Error, StringComparison.Ordinal);
            Assert.Contains("already has a cycle named", refused.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
