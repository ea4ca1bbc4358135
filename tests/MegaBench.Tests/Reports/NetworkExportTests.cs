using System.Text;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Cli;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Reports;

public sealed class NetworkExportTests
{
    private static async Task<int> BuildNetworkAsync(TestDatabase database)
    {
        var first = await ReportFixture.BuildAsync(database, "Demoville", 2018);
        await using var db = database.NewContext();
        // A second city and a second year of the first city, in the same network, through the importer.
        foreach (var (city, year) in new[] { ("Alphaburg", 2018), ("Demoville", 2020) })
        {
            var document = await RoundExporter.BuildAsync(db, first.RoundId, TestContext.Current.CancellationToken);
            document.City!.Name = city;
            document.Round!.Year = year;
            using var json = new MemoryStream(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(document, RoundJson.Options)));
            await RoundImporter.ImportAsync(db, json, TestContext.Current.CancellationToken);
            db.ChangeTracker.Clear();
        }

        return first.NetworkId;
    }

    private static async Task<byte[]> ExportJsonAsync(TestDatabase database, int networkId)
    {
        await using var db = database.NewContext();
        using var output = new MemoryStream();
        await NetworkJson.ExportAsync(db, networkId, output, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    [Fact]
    public async Task Network_json_imports_into_an_empty_database_and_exports_again_byte_for_byte()
    {
        await using var source = await TestDatabase.CreateAsync();
        var networkId = await BuildNetworkAsync(source);
        var exported = await ExportJsonAsync(source, networkId);

        await using var target = await TestDatabase.CreateAsync();
        await using (var db = target.NewContext())
        {
            var (rounds, name) = await NetworkJson.ImportAsync(db, new MemoryStream(exported), TestContext.Current.CancellationToken);
            Assert.Equal(3, rounds);
            Assert.Equal("Demo exports network", name);
        }

        await using var check = target.NewContext();
        var importedId = await check.Networks.Select(n => n.Id).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Encoding.UTF8.GetString(exported), Encoding.UTF8.GetString(await ExportJsonAsync(target, importedId)));
    }

    [Fact]
    public async Task Network_import_audits_each_round_as_one_entry_with_what_it_brought()
    {
        await using var source = await TestDatabase.CreateAsync();
        var exported = await ExportJsonAsync(source, await BuildNetworkAsync(source));
        await using var target = await TestDatabase.CreateAsync();
        await using (var db = target.NewContext())
        {
            await NetworkJson.ImportAsync(db, new MemoryStream(exported), TestContext.Current.CancellationToken);
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled, "the bulk settings are put back after the import");
            Assert.False(db.AuditInsertedRoundsAsOneEntry);
        }

        await using var check = target.NewContext();
        var entries = await check.AuditEntries.ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, entries.Count(e => e.EntityType == nameof(Round)));
        Assert.DoesNotContain(entries, e => e.EntityType is nameof(Organisation) or nameof(MegaBench.Answers.Answer) or nameof(NarrativeSection));
        var round = await check.Rounds.Include(r => r.Organisations).ThenInclude(o => o.Answers).Include(r => r.Narrative).FirstAsync(TestContext.Current.CancellationToken);
        var after = System.Text.Json.JsonDocument.Parse(entries.Single(e => e.EntityType == nameof(Round) && e.RoundId == round.Id).After!).RootElement;
        Assert.Equal(round.Organisations.Count, after.GetProperty("ImportedOrganisations").GetInt32());
        Assert.Equal(round.Organisations.Sum(o => o.Answers.Count), after.GetProperty("ImportedAnswers").GetInt32());
        Assert.Equal(round.Narrative.Count, after.GetProperty("ImportedNarrativeSections").GetInt32());

        // A change after the import is recorded as always.
        round.Organisations[0].Answers[0].Comment = "Changed after the import.";
        await check.SaveChangesAsync(TestContext.Current.CancellationToken);
        Assert.True(await check.AuditEntries.AnyAsync(e => e.EntityType == nameof(MegaBench.Answers.Answer) && e.Action == MegaBench.Audit.AuditAction.Updated, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Network_import_reads_a_file_larger_than_its_read_buffer()
    {
        // Long notes and comments (as long as the forms allow) make the file span many 64 KiB blocks, and rounds
        // straddle block boundaries.
        await using var source = await TestDatabase.CreateAsync();
        var builder = new RoundBuilder().InNetwork("Big");
        for (var i = 0; i < 40; i++)
        {
            builder.WithOrganisation($"Organisation {i}", "AAA", new string('n', MegaBench.Rounds.TextLimits.OrganisationNotes),
                new AnswerSpec("AAA-1.01", MegaBench.Answers.AnswerValue.Yes, new string('c', MegaBench.Rounds.TextLimits.AnswerComment)));
        }

        var round = await builder.BuildAsync(source);
        var exported = await ExportJsonAsync(source, round.NetworkId);
        Assert.True(exported.Length > 1 << 17);

        await using var target = await TestDatabase.CreateAsync();
        await using var db = target.NewContext();
        var (rounds, _) = await NetworkJson.ImportAsync(db, new MemoryStream(exported), TestContext.Current.CancellationToken);

        Assert.Equal(1, rounds);
        var comments = await db.Answers.Select(a => a.Comment!.Length).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(40, comments.Count);
        Assert.All(comments, length => Assert.Equal(MegaBench.Rounds.TextLimits.AnswerComment, length));
    }

    [Fact]
    public async Task Network_import_writes_nothing_when_a_later_round_is_refused()
    {
        await using var source = await TestDatabase.CreateAsync();
        var networkId = await BuildNetworkAsync(source);
        var exported = await ExportJsonAsync(source, networkId);
        // The third round claims an unknown status.
        var text = Encoding.UTF8.GetString(exported);
        var last = text.LastIndexOf("\"status\": \"published\"", StringComparison.Ordinal);
        var broken = Encoding.UTF8.GetBytes(text[..last] + "\"status\": \"archived\"" + text[(last + "\"status\": \"published\"".Length)..]);

        await using var target = await TestDatabase.CreateAsync();
        await using var db = target.NewContext();
        var error = await Assert.ThrowsAsync<RoundImportException>(() => NetworkJson.ImportAsync(db, new MemoryStream(broken), TestContext.Current.CancellationToken));

        Assert.Contains("Round 3 of the file", error.Message + string.Join("\n", error.Problems), StringComparison.Ordinal);
        await using var check = target.NewContext();
        Assert.Equal(0, await check.Rounds.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await check.Networks.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Network_import_reports_the_problems_of_every_round_at_once_before_writing()
    {
        await using var source = await TestDatabase.CreateAsync();
        var exported = Encoding.UTF8.GetString(await ExportJsonAsync(source, await BuildNetworkAsync(source)));
        // The first and the third round claim an unknown status.
        var first = exported.IndexOf("\"status\": \"published\"", StringComparison.Ordinal);
        var last = exported.LastIndexOf("\"status\": \"published\"", StringComparison.Ordinal);
        var broken = exported[..first] + "\"status\": \"archived\"" + exported[(first + 21)..last] + "\"status\": \"retired\"" + exported[(last + 21)..];

        await using var target = await TestDatabase.CreateAsync();
        await using var db = target.NewContext();
        var error = await Assert.ThrowsAsync<RoundImportException>(() => NetworkJson.ImportAsync(db, new MemoryStream(Encoding.UTF8.GetBytes(broken)), TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("Round 1 of the file: ", error.Problems[0], StringComparison.Ordinal);
        Assert.Contains("archived", error.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Round 3 of the file: ", error.Problems[1], StringComparison.Ordinal);
        Assert.Contains("retired", error.Problems[1], StringComparison.Ordinal);
        await using var check = target.NewContext();
        Assert.Equal("frameworks 0, networks 0, cities 0, rounds 0, organisations 0, answers 0, narrative 0", await MegaBench.Tests.Rounds.RoundFiles.CountRowsAsync(check));
    }

    [Fact]
    public async Task Network_import_cancelled_after_rounds_were_written_leaves_nothing()
    {
        await using var source = await TestDatabase.CreateAsync();
        var exported = await ExportJsonAsync(source, await BuildNetworkAsync(source));

        await using var target = await TestDatabase.CreateAsync();
        await using (var db = target.NewContext())
        {
            // Cancelled once the first round's organisations and answers are in: the failure comes half-way through the writing.
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var progress = new SynchronousProgress(p =>
            {
                if (p.Stage == "Importing rounds")
                {
                    cancel.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NetworkJson.ImportAsync(db, new MemoryStream(exported), cancel.Token, progress));
        }

        await using var check = target.NewContext();
        Assert.Equal("frameworks 0, networks 0, cities 0, rounds 0, organisations 0, answers 0, narrative 0", await MegaBench.Tests.Rounds.RoundFiles.CountRowsAsync(check));
        Assert.Equal(0, await check.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Network_import_raises_the_change_stamps_of_the_network_and_of_every_round_it_brings()
    {
        await using var source = await TestDatabase.CreateAsync();
        var networkId = await BuildNetworkAsync(source);
        var exported = await ExportJsonAsync(source, networkId);
        await using var target = await TestDatabase.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        long before;
        await using (var db = target.NewContext())
        {
            // The network is there already (one round of another year), so its cached results must be dropped.
            await using var read = source.NewContext();
            var file = MegaBench.Tests.Rounds.RoundFiles.Edit(await MegaBench.Tests.Rounds.RoundFiles.ExportAsync(read, await read.Rounds.Select(r => r.Id).FirstAsync(ct)));
            file["round"]!["year"] = 2030;
            var first = await MegaBench.Tests.Rounds.RoundFiles.ImportAsync(db, file.ToJsonString());
            before = (await MegaBench.Data.ChangeStamps.OfNetworkAsync(db, first.City!.NetworkId, ct))!.Value;
            await NetworkJson.ImportAsync(db, new MemoryStream(exported), ct);
        }

        await using var check = target.NewContext();
        var network = await check.Networks.SingleAsync(ct);
        Assert.True((await MegaBench.Data.ChangeStamps.OfNetworkAsync(check, network.Id, ct))!.Value > before);
        foreach (var id in await check.Rounds.Select(r => r.Id).ToListAsync(ct))
        {
            Assert.True((await MegaBench.Data.ChangeStamps.OfRoundAsync(check, id, ct))!.Value > 0, $"round {id} has its stamp raised");
        }

        Assert.Equal(4, await check.Rounds.CountAsync(ct));
    }

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> posts to the thread pool, too late to cancel).</summary>
    private sealed class SynchronousProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }

    [Fact]
    public async Task Network_csv_holds_every_round_in_city_then_year_order()
    {
        await using var database = await TestDatabase.CreateAsync();
        var networkId = await BuildNetworkAsync(database);
        await using var db = database.NewContext();
        using var output = new MemoryStream();

        await RoundCsv.WriteNetworkAsync(db, networkId, output, TestContext.Current.CancellationToken);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + (3 * 18), lines.Length);
        var cityYears = lines.Skip(1).Select(l => string.Join(",", l.Split(',').Skip(1).Take(3))).Distinct().ToList();
        Assert.Equal(["\"Alphaburg\",\"Testland\",\"2018\"", "\"Demoville\",\"Testland\",\"2018\"", "\"Demoville\",\"Testland\",\"2020\""], cityYears);
    }

    [Fact]
    public async Task Cli_exports_a_network_and_imports_it_elsewhere()
    {
        await using var source = await TestDatabase.CreateAsync();
        var networkId = await BuildNetworkAsync(source);
        var folder = Directory.CreateTempSubdirectory("megabench-network-");
        try
        {
            var file = Path.Combine(folder.FullName, "network.json");
            var exported = await CliRunner.RunAsync(source, "export", "network", $"{networkId}", "--format", "json", "--output", file);
            Assert.True(exported.ExitCode == 0, exported.ToString());
            Assert.Single(folder.GetFiles());

            await using var target = await TestDatabase.CreateAsync();
            var imported = await CliRunner.RunAsync(target, "import", "network", file);
            Assert.True(imported.ExitCode == 0, imported.ToString());
            Assert.Contains("Imported 3 rounds into network \"Demo exports network\"", imported.Out, StringComparison.Ordinal);

            var csv = await CliRunner.RunAsync(target, "export", "network", "1", "--format", "csv");
            Assert.True(csv.ExitCode == 0, csv.ToString());
            Assert.StartsWith("network,city,country,year", csv.Out, StringComparison.Ordinal);

            var unknown = await CliRunner.RunAsync(target, "export", "network", "99", "--format", "csv");
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("There is no network with id 99", unknown.Error, StringComparison.Ordinal);
            Assert.Contains("Networks in this database", unknown.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
