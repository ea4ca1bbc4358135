using System.Text.Json;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Cli;

/// <summary>
/// Long commands say how far they are on standard error (plain lines when not in a terminal, as here), never on
/// standard output, and say nothing with <c>--quiet</c>.
/// </summary>
public sealed class ProgressTests
{
    private static async Task<(TestDatabase Database, int NetworkId, int Rounds)> DemoAsync()
    {
        var database = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(database, "demo")).ExitCode);
        await using var db = database.NewContext();
        var network = await db.Networks.SingleAsync(Ct);
        return (database, network.Id, await db.Rounds.CountAsync(r => r.City!.NetworkId == network.Id, Ct));
    }

    [Fact]
    public async Task Network_export_and_import_report_their_progress_on_standard_error_and_quiet_silences_it()
    {
        var (database, networkId, rounds) = await DemoAsync();
        await using var _ = database;
        var folder = Directory.CreateTempSubdirectory("megabench-progress-");
        try
        {
            var file = Path.Combine(folder.FullName, "network.json");
            var export = await CliRunner.RunAsync(database, "export", "network", $"{networkId}", "--output", file);
            var quiet = await CliRunner.RunAsync(database, "export", "network", $"{networkId}", "--output", file, "--quiet");

            Assert.Equal(0, export.ExitCode);
            Assert.Contains($"Network {networkId}: Exporting rounds, {rounds} of {rounds} rounds (100 %)", export.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exporting", export.Out, StringComparison.Ordinal);
            Assert.Equal(0, quiet.ExitCode);
            Assert.Equal("", quiet.Error);

            await using var target = await TestDatabase.CreateAsync();
            var import = await CliRunner.RunAsync(target, "import", "network", file);

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Contains("network.json: Importing rounds, ", import.Error, StringComparison.Ordinal);
            Assert.Contains($"network.json: Committing, {rounds} of {rounds} rounds (100 %)", import.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Match_as_json_stays_parseable_with_its_progress_on_standard_error()
    {
        var (database, networkId, _) = await DemoAsync();
        await using var _ = database;

        var match = await CliRunner.RunAsync(database, "match", $"{networkId}", "--format", "json");

        Assert.Equal(0, match.ExitCode);
        using var document = JsonDocument.Parse(match.Out);
        Assert.Equal(networkId, document.RootElement.GetProperty("networkId").GetInt32());
        Assert.Contains("Pairing the cities", match.Error, StringComparison.Ordinal);
        Assert.Contains("Matched", match.Error, StringComparison.Ordinal);
    }
}
