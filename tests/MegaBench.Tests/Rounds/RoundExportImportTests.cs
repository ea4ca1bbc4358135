using System.Text;
using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Rounds;

public sealed class RoundExportImportTests
{
    [Fact]
    public async Task Export_then_import_into_an_empty_database_then_export_gives_the_same_bytes()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        byte[] first;
        await using (var db = source.NewContext())
        {
            var round = await RoundBuilder.Rich().SaveAsync(db);
            first = await RoundFiles.ExportAsync(db, round.Id);
        }

        int importedId;
        await using (var db = target.NewContext())
        {
            importedId = (await RoundFiles.ImportAsync(db, first)).Id;
        }

        await using (var db = target.NewContext())
        {
            var second = await RoundFiles.ExportAsync(db, importedId);
            Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
            Assert.Equal(first, second);
        }
    }

    [Fact]
    public async Task Round_moves_between_sqlite_and_postgresql_and_back_without_a_byte_changing()
    {
        await using var sqlite = await TestDatabase.CreateSqliteAsync();
        await using var postgres = await TestDatabase.CreatePostgresAsync();
        await using var back = await TestDatabase.CreateSqliteAsync();
        byte[] fromSqlite;
        await using (var db = sqlite.NewContext())
        {
            fromSqlite = await RoundFiles.ExportAsync(db, (await RoundBuilder.Rich().SaveAsync(db)).Id);
        }

        byte[] fromPostgres;
        await using (var db = postgres.NewContext())
        {
            fromPostgres = await RoundFiles.ExportAsync(db, (await RoundFiles.ImportAsync(db, fromSqlite)).Id);
        }

        byte[] again;
        await using (var db = back.NewContext())
        {
            again = await RoundFiles.ExportAsync(db, (await RoundFiles.ImportAsync(db, fromPostgres)).Id);
        }

        Assert.Equal(fromSqlite, fromPostgres);
        Assert.Equal(fromSqlite, again);
    }

    [Theory]
    [MemberData(nameof(HostileStrings.WithinFormLimits), MemberType = typeof(HostileStrings))]
    public async Task Hostile_text_survives_export_and_import_byte_for_byte(string text)
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        byte[] first;
        await using (var db = source.NewContext())
        {
            first = await RoundFiles.ExportAsync(db, (await RoundBuilder.Rich().WithText(text).SaveAsync(db)).Id);
        }

        await using (var db = target.NewContext())
        {
            var imported = await RoundFiles.ImportAsync(db, first);
            Assert.Equal(first, await RoundFiles.ExportAsync(db, imported.Id));
        }

        await using (var db = target.NewContext())
        {
            var answer = await db.Answers.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal((text, text, text), (answer.Comment, answer.Evidence, answer.CoordinatorNote));
            Assert.Equal(text, await db.NarrativeSections.Select(n => n.Markdown).SingleAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Import_restores_every_field_of_the_round()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        byte[] file;
        await using (var db = source.NewContext())
        {
            file = await RoundFiles.ExportAsync(db, (await RoundBuilder.Rich().SaveAsync(db)).Id);
        }

        await using (var db = target.NewContext())
        {
            await RoundFiles.ImportAsync(db, file);
        }

        await using var sourceDb = source.NewContext();
        await using var targetDb = target.NewContext();
        var expected = await sourceDb.Answers.Include(a => a.Organisation).OrderBy(a => a.Organisation!.Name).ThenBy(a => a.IndicatorCode).ToListAsync(ct);
        var actual = await targetDb.Answers.Include(a => a.Organisation).OrderBy(a => a.Organisation!.Name).ThenBy(a => a.IndicatorCode).ToListAsync(ct);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(
                (expected[i].Organisation!.Name, expected[i].IndicatorCode, expected[i].Value, expected[i].Comment, expected[i].Evidence, expected[i].CoordinatorNote, expected[i].UpdatedBy, expected[i].UpdatedAt, expected[i].Version),
                (actual[i].Organisation!.Name, actual[i].IndicatorCode, actual[i].Value, actual[i].Comment, actual[i].Evidence, actual[i].CoordinatorNote, actual[i].UpdatedBy, actual[i].UpdatedAt, actual[i].Version));
        }

        Assert.Contains(actual, a => a.Value == AnswerValue.Unanswered);
        Assert.Contains(actual, a => a.Comment == "");
        Assert.Contains(actual, a => a.Comment is not null && a.Comment.Contains(RoundBuilder.Hostile, StringComparison.Ordinal));

        var organisations = await targetDb.Organisations.OrderBy(o => o.Name).Select(o => new { o.Name, o.GroupCode, o.Kind, o.Website, o.Notes, o.Position }).ToListAsync(ct);
        var original = await sourceDb.Organisations.OrderBy(o => o.Name).Select(o => new { o.Name, o.GroupCode, o.Kind, o.Website, o.Notes, o.Position }).ToListAsync(ct);
        Assert.Equal(original, organisations);

        var round = await targetDb.Rounds.Include(r => r.City!).ThenInclude(c => c.Network).Include(r => r.Narrative).SingleAsync(ct);
        Assert.Equal(("Zürich-sur-Mer", "Ατλαντίδα", "Réseau « test » ✓", 2018, RoundStatus.Closed), (round.City!.Name, round.City.Country, round.City.Network!.Name, round.Year, round.Status));
        Assert.Equal(new DateTimeOffset(2018, 3, 1, 10, 15, 30, 123, 456, TimeSpan.Zero), round.CreatedAt);
        Assert.Equal(7, round.Narrative.Count);
        Assert.Equal("", round.Narrative.Single(n => n.Kind == NarrativeKind.Obstacles).Markdown);
    }

    [Fact]
    public async Task Export_names_things_and_holds_no_database_ids()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var round = await RoundBuilder.Rich().Minimal().SaveAsync(db);

        var file = RoundFiles.Edit(await RoundFiles.ExportAsync(db, round.Id));

        Assert.Equal(["format", "formatVersion", "network", "city", "round", "framework", "organisations", "narrative"], file.Select(p => p.Key));
        Assert.Equal("megabench-round", (string?)file["format"]);
        Assert.Equal(1, (int?)file["formatVersion"]);
        Assert.Equal(["year", "status", "createdAt"], file["round"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["name", "group", "kind", "position", "answers"], file["organisations"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["indicator", "value", "version"], file["organisations"]![0]!["answers"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal("2018-03-01T10:15:30.123456Z", (string?)file["round"]!["createdAt"]);
        var definition = file["framework"]!["definition"]!.AsObject();
        Assert.Equal("test-fw", (string?)definition["id"]);
        Assert.Equal(FrameworkJson.ComputeHash(new FrameworkBuilder().Build()), (string?)file["framework"]!["contentHash"]);
    }

    [Fact]
    public async Task Export_lists_organisations_by_group_then_column_and_answers_in_sheet_order()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var round = await RoundBuilder.Rich().SaveAsync(db);

        var file = RoundFiles.Edit(await RoundFiles.ExportAsync(db, round.Id));

        var organisations = file["organisations"]!.AsArray().Select(o => ((string)o!["group"]!, (int)o["position"]!, (string)o["name"]!)).ToList();
        Assert.Equal(organisations.OrderBy(o => o.Item1, StringComparer.Ordinal).ThenBy(o => o.Item2).ThenBy(o => o.Item3, StringComparer.Ordinal), organisations);
        Assert.Equal(["AAA", "AAA", "AAA", "BBB", "BBB", "BBB"], organisations.Select(o => o.Item1));
        var framework = new FrameworkBuilder().Build();
        var sheetOrder = framework.Indicators.Select(i => i.Code).ToList();
        foreach (var organisation in file["organisations"]!.AsArray())
        {
            var codes = organisation!["answers"]!.AsArray().Select(a => (string)a!["indicator"]!).ToList();
            Assert.Equal(codes.OrderBy(sheetOrder.IndexOf), codes);
        }

        Assert.Equal(
            ["national-context", "regional-and-local-level", "obstacles", "key-challenges", "promising-practices", "may-share", "may-look-at"],
            file["narrative"]!.AsArray().Select(n => (string)n!["kind"]!));
    }

    [Fact]
    public async Task Export_of_an_unknown_round_says_which_id_is_missing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<RoundNotFoundException>(() => RoundFiles.ExportAsync(db, 4242));

        Assert.Contains("no round with id 4242", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_into_a_database_that_has_the_network_and_city_adds_the_round_to_them()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var db = source.NewContext();
        var ct = TestContext.Current.CancellationToken;
        var round = await RoundBuilder.Rich().Minimal().SaveAsync(db);
        var file = RoundFiles.Edit(await RoundFiles.ExportAsync(db, round.Id));
        file["round"]!["year"] = 2020;

        var imported = await RoundFiles.ImportAsync(db, file.ToJsonString());

        Assert.Equal(round.CityId, imported.CityId);
        Assert.Equal(1, await db.Networks.CountAsync(ct));
        Assert.Equal(1, await db.Cities.CountAsync(ct));
        Assert.Equal(1, await db.Frameworks.CountAsync(ct));
        Assert.Equal([2018, 2020], await db.Rounds.OrderBy(r => r.Year).Select(r => r.Year).ToListAsync(ct));
    }

    [Fact]
    public async Task Import_normalises_times_with_an_offset_to_utc()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var round = await RoundBuilder.Rich().Minimal().SaveAsync(db);
        var file = RoundFiles.Edit(await RoundFiles.ExportAsync(db, round.Id));
        file["round"]!["year"] = 2021;
        file["round"]!["createdAt"] = "2021-06-01T12:00:00+02:00";

        var imported = await RoundFiles.ImportAsync(db, file.ToJsonString());

        var again = RoundFiles.Edit(await RoundFiles.ExportAsync(db, imported.Id));
        Assert.Equal("2021-06-01T10:00:00.000000Z", (string?)again["round"]!["createdAt"]);
    }

    [Fact]
    public async Task Imported_round_is_audited_as_one_entry_with_what_it_brought_and_its_rows_are_returned()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        byte[] file;
        await using (var db = source.NewContext())
        {
            file = await RoundFiles.ExportAsync(db, (await RoundBuilder.Rich().SaveAsync(db)).Id);
        }

        await using (var db = target.NewContext())
        {
            var imported = await RoundFiles.ImportAsync(db, file);
            Assert.NotEmpty(imported.Organisations);
            Assert.Equal(await db.Answers.CountAsync(ct), imported.Organisations.Sum(o => o.Answers.Count));
            Assert.NotNull(imported.City?.Network);
        }

        await using var check = target.NewContext();
        var entries = await check.AuditEntries.Where(e => e.EntityType != "StoredFramework").ToListAsync(ct);
        var round = Assert.Single(entries, e => e.EntityType == nameof(Round));
        Assert.DoesNotContain(entries, e => e.EntityType is nameof(Organisation) or nameof(Answer) or nameof(NarrativeSection));
        var after = System.Text.Json.JsonDocument.Parse(round.After!).RootElement;
        Assert.Equal(await check.Organisations.CountAsync(ct), after.GetProperty("ImportedOrganisations").GetInt32());
        Assert.Equal(await check.Answers.CountAsync(ct), after.GetProperty("ImportedAnswers").GetInt32());
        Assert.Equal(await check.NarrativeSections.CountAsync(ct), after.GetProperty("ImportedNarrativeSections").GetInt32());
        Assert.Equal(round.RoundId, await check.Rounds.Select(r => (int?)r.Id).SingleAsync(ct));
    }
}
