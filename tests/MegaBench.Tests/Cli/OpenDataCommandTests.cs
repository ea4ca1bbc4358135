using System.Globalization;
using System.Text;
using MegaBench.Cli;
using MegaBench.OpenData;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Cli;

/// <summary>
/// <c>megabench open-data</c>: the network administrator's open-data page from the command line, through the same
/// library functions; and Ctrl+C, which stops a command without leaving half a file.
/// </summary>
public sealed class OpenDataCommandTests
{
    [Fact]
    public async Task Terms_publish_list_and_download_write_the_release_the_page_would()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await RoundBuilder.Rich().WithStatus(RoundStatus.Published).BuildAsync(database);
        var network = built.NetworkId.ToString(CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("megabench-open-data-");
        try
        {
            var refused = await CliRunner.RunAsync(database, "open-data", "terms", network, "--licence", "WTFPL", "--citation", new string('x', TextLimits.OpenDataCitation + 1));
            var terms = await CliRunner.RunAsync(database, "open-data", "terms", network, "--licence", "CC0-1.0", "--citation", "  Cite us.  ");
            var published = await CliRunner.RunAsync(database, "open-data", "publish", network);
            var listed = await CliRunner.RunAsync(database, "open-data", "list", network);
            var downloaded = await CliRunner.RunAsync(database, "open-data", "download", network, "--output", folder.FullName);
            var missing = await CliRunner.RunAsync(database, "open-data", "download", network, "--release", "7", "--output", folder.FullName);

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("\"WTFPL\" is not a licence offered. Use one of: CC-BY-4.0", refused.Error, StringComparison.Ordinal);
            Assert.Contains("The citation is too long: use at most 1,000 characters.", refused.Error, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed.", refused.Error, StringComparison.Ordinal);
            Assert.True(terms.ExitCode == 0, terms.ToString());
            Assert.True(published.ExitCode == 0, published.ToString());
            Assert.Contains($"Network {network}: release 1 published under CC0-1.0, 1 round(s)", published.Out, StringComparison.Ordinal);
            Assert.True(listed.ExitCode == 0, listed.ToString());
            Assert.Contains("release 1\t", listed.Out, StringComparison.Ordinal);
            Assert.True(downloaded.ExitCode == 0, downloaded.ToString());
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("has no release 7. Its releases: 1.", missing.Error, StringComparison.Ordinal);

            await using var db = database.NewContext();
            var stored = await db.Networks.SingleAsync(n => n.Id == built.NetworkId, Ct);
            Assert.Equal(("CC0-1.0", "Cite us."), (stored.OpenDataLicence, stored.OpenDataCitation));
            var files = await db.OpenDataFiles.Where(f => f.Release!.NetworkId == built.NetworkId).ToListAsync(Ct);
            Assert.Contains(files, f => f.Name == OpenDataPackage.DescriptorName);
            Assert.Equal(
                files.Select(f => f.Name).Order(StringComparer.Ordinal),
                folder.EnumerateFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
            foreach (var file in files)
            {
                Assert.Equal(file.Content, await File.ReadAllBytesAsync(Path.Combine(folder.FullName, file.Name), Ct));
            }

            Assert.Contains("\"CC0-1.0\"", Encoding.UTF8.GetString(files.Single(f => f.Name == OpenDataPackage.DescriptorName).Content), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Publishing_a_network_without_a_published_round_says_what_to_do_and_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new RoundBuilder().Minimal().BuildAsync(database);

        var result = await CliRunner.RunAsync(database, "open-data", "publish", built.NetworkId.ToString(CultureInfo.InvariantCulture));
        var unknown = await CliRunner.RunAsync(database, "open-data", "list", "999");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no published round yet: there is nothing to publish. Publish the cities' rounds first.", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        await using var db = database.NewContext();
        Assert.False(await db.OpenDataReleases.AnyAsync(Ct));
    }

    /// <summary>
    /// Ctrl+C (the command's token cancelled) as soon as the export says it started: the command stops with
    /// "Cancelled." and leaves neither the file nor its temporary part.
    /// </summary>
    [Fact]
    public async Task Ctrl_C_during_a_network_export_leaves_no_file_behind()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(database, "demo")).ExitCode);
        await using (var db = database.NewContext())
        {
            Assert.True(await db.Rounds.CountAsync(Ct) > 1);
        }

        var folder = Directory.CreateTempSubdirectory("megabench-cancel-");
        try
        {
            var file = Path.Combine(folder.FullName, "network.json");
            using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            using var output = new StringWriter();
            using var error = new CancellingWriter(ctrlC);
            var environment = new CliEnvironment(output, error, CliRunner.Configuration(database.Options.Provider.ToString(), database.Options.ConnectionString), CliRunner.BuiltInFrameworks);

            var code = await MegaBenchCli.RunAsync(["export", "network", "1", "--output", file], environment, ctrlC.Token);

            Assert.True(ctrlC.IsCancellationRequested);
            Assert.Equal(1, code);
            Assert.Contains("Cancelled.", error.ToString(), StringComparison.Ordinal);
            Assert.Empty(folder.EnumerateFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Standard error that presses Ctrl+C at the first line written to it (the first progress line).</summary>
    private sealed class CancellingWriter(CancellationTokenSource ctrlC) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            ctrlC.Cancel();
        }
    }
}
