using System.IO.Compression;
using System.Text;
using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Questionnaires;

// The questionnaire of an AAA organisation lists AAA-1.01, AAA-1.02, AAA-2.01, AAA-2.02, AAA-3.01, AAA-3.02 on rows 8 to 13.
public sealed class QuestionnaireXlsxTests
{
    private static readonly QuestionnaireTexts French = QuestionnaireTexts.English with
    {
        Language = "fr", SheetName = "Questionnaire", Yes = "Oui", No = "Non", NotDetermined = "Non déterminé", Answer = "Réponse",
    };

    private static readonly QuestionnaireTexts[] Languages = [QuestionnaireTexts.English, French];

    private sealed record Fixture(TestDatabase Database, BuiltRound Round, int Alpha);

    private static async Task<Fixture> BuildAsync(TestDatabase database)
    {
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No, Comment: "Not yet"), new AnswerSpec("AAA-2.01", AnswerValue.Yes))
            .WithOrganisation("Beta", "AAA")
            .BuildAsync(database);
        return new Fixture(database, round, round.Organisations["Alpha"]);
    }

    private static async Task<byte[]> DownloadAsync(Fixture fixture, int organisationId, QuestionnaireTexts? texts = null)
    {
        await using var db = fixture.Database.NewContext();
        var organisation = await db.Organisations.Include(o => o.Round).ThenInclude(r => r!.City).Include(o => o.Round).ThenInclude(r => r!.Framework)
            .Include(o => o.Answers).SingleAsync(o => o.Id == organisationId, TestContext.Current.CancellationToken);
        using var output = new MemoryStream();
        await QuestionnaireXlsx.WriteAsync(organisation, FrameworkStore.Read(organisation.Round!.Framework!), texts ?? QuestionnaireTexts.English, output, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    private static async Task<ImportReport> UploadAsync(Fixture fixture, int organisationId, byte[] file, ImportLimits? limits = null)
    {
        await using var db = fixture.Database.NewContext();
        return await QuestionnaireImport.ImportAsync(db, organisationId, new MemoryStream(file), Languages, "importer", DateTimeOffset.UtcNow, limits, TestContext.Current.CancellationToken);
    }

    /// <summary>Every stored answer, for "nothing changed" checks.</summary>
    private static async Task<string> AnswersAsync(Fixture fixture)
    {
        await using var db = fixture.Database.NewContext();
        var answers = await db.Answers.OrderBy(a => a.OrganisationId).ThenBy(a => a.IndicatorCode)
            .Select(a => $"{a.OrganisationId}/{a.IndicatorCode}={a.Value}|{a.Comment}|{a.Evidence}|v{a.Version}").ToListAsync(TestContext.Current.CancellationToken);
        return string.Join("\n", answers);
    }

    private static async Task<string> AssertRefusedAsync(Fixture fixture, byte[] file, string before, ImportLimits? limits = null)
    {
        var report = await UploadAsync(fixture, fixture.Alpha, file, limits);
        Assert.False(report.Applied);
        Assert.NotEmpty(report.Problems);
        Assert.Equal(before, await AnswersAsync(fixture));
        return string.Join("\n", report.Problems);
    }

    [Fact]
    public async Task The_file_lists_the_groups_statements_with_their_answers_and_a_choice_list()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);

        var file = await DownloadAsync(fixture, fixture.Alpha);

        Assert.Equal("Alpha", XlsxCells.Read(file, "B2"));
        Assert.Equal("Testville 2026", XlsxCells.Read(file, "B3"));
        Assert.Equal(["AAA-1.01", "AAA-1.02", "AAA-2.01", "AAA-2.02", "AAA-3.01", "AAA-3.02"], Enumerable.Range(8, 6).Select(r => XlsxCells.Read(file, $"A{r}")));
        Assert.Equal(("No", "Not yet", "Yes"), (XlsxCells.Read(file, "D8"), XlsxCells.Read(file, "E8"), XlsxCells.Read(file, "D10")));
        using var zip = new ZipArchive(new MemoryStream(file));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        Assert.Contains("<dataValidation", sheet, StringComparison.Ordinal);
        Assert.Contains("Yes,No,Not determined", sheet, StringComparison.Ordinal);
        Assert.Contains("D8:D13", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_for_a_published_round_is_refused_until_the_round_is_reopened()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var file = XlsxCells.Fill(await DownloadAsync(fixture, fixture.Alpha), new Dictionary<string, string> { ["D8"] = "Yes" });
        await using (var db = database.NewContext())
        {
            await db.Rounds.ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, MegaBench.Rounds.RoundStatus.Published), TestContext.Current.CancellationToken);
        }

        var problems = await AssertRefusedAsync(fixture, file, await AnswersAsync(fixture));

        Assert.Contains("Reopen the round", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Round_trip_export_fill_import_restores_the_answers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var file = XlsxCells.Fill(await DownloadAsync(fixture, fixture.Alpha), new Dictionary<string, string>
        {
            ["D8"] = "Yes", ["E8"] = "Since 2019", ["F8"] = "https://example.org/report",
            ["D9"] = " not DETERMINED ", ["E9"] = "- a dash, then =SUM(A1) as text",
            ["D12"] = "No",
        });

        var report = await UploadAsync(fixture, fixture.Alpha, file);

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.Equal(3, report.Changed);
        await using var db = database.NewContext();
        var answers = await db.Answers.Where(a => a.OrganisationId == fixture.Alpha).ToDictionaryAsync(a => a.IndicatorCode, TestContext.Current.CancellationToken);
        Assert.Equal((AnswerValue.Yes, "Since 2019", "https://example.org/report", 2, "importer"),
            (answers["AAA-1.01"].Value, answers["AAA-1.01"].Comment, answers["AAA-1.01"].Evidence, answers["AAA-1.01"].Version, answers["AAA-1.01"].UpdatedBy));
        Assert.Equal((AnswerValue.NotDetermined, "- a dash, then =SUM(A1) as text", 1), (answers["AAA-1.02"].Value, answers["AAA-1.02"].Comment, answers["AAA-1.02"].Version));
        Assert.Equal((AnswerValue.Yes, 1, "builder"), (answers["AAA-2.01"].Value, answers["AAA-2.01"].Version, answers["AAA-2.01"].UpdatedBy));
        Assert.Equal(AnswerValue.No, answers["AAA-3.01"].Value);
        Assert.Equal(4, answers.Count);

        // The answers come back out as they went in: a fresh download imported untouched changes nothing.
        var again = await DownloadAsync(fixture, fixture.Alpha);
        Assert.Equal("'- a dash, then =SUM(A1) as text", XlsxCells.Read(again, "E9"));
        var before = await AnswersAsync(fixture);
        var unchanged = await UploadAsync(fixture, fixture.Alpha, again);
        Assert.Equal((true, 0), (unchanged.Applied, unchanged.Changed));
        Assert.Equal(before, await AnswersAsync(fixture));
    }

    [Fact]
    public async Task A_file_in_French_is_read_with_the_French_choices()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var file = await DownloadAsync(fixture, fixture.Alpha, French);
        Assert.Equal("Non", XlsxCells.Read(file, "D8"));

        var report = await UploadAsync(fixture, fixture.Alpha, XlsxCells.Fill(file, new Dictionary<string, string> { ["D8"] = "Oui", ["D9"] = "Non déterminé" }));

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        await using var db = database.NewContext();
        var values = await db.Answers.Where(a => a.OrganisationId == fixture.Alpha).ToDictionaryAsync(a => a.IndicatorCode, a => a.Value, TestContext.Current.CancellationToken);
        Assert.Equal((AnswerValue.Yes, AnswerValue.NotDetermined), (values["AAA-1.01"], values["AAA-1.02"]));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_by_row_and_nothing_is_applied()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        var file = XlsxCells.Fill(await DownloadAsync(fixture, fixture.Alpha), new Dictionary<string, string>
        {
            ["D8"] = "Yes", // a good row: not applied either, since the file has problems
            ["A9"] = "ZZZ-9.99",
            ["D10"] = "Maybe",
            ["A11"] = "AAA-1.01",
            ["A15"] = "", ["E15"] = "A comment on a row without code",
        });

        var problems = await AssertRefusedAsync(fixture, file, before);

        Assert.Contains("Row 9: 'ZZZ-9.99' is not a statement of Alpha's questionnaire. Keep the codes as downloaded.", problems, StringComparison.Ordinal);
        Assert.Contains("Row 10 (AAA-2.01): 'Maybe' is not a choice. Choose Yes, No or Not determined, or leave the cell empty when not yet answered.", problems, StringComparison.Ordinal);
        Assert.Contains("Row 11: statement AAA-1.01 appears again (first on row 8). Keep one row per statement.", problems, StringComparison.Ordinal);
        Assert.Contains("Row 15 has an answer or comment but no statement code in column A.", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_formula_is_refused_and_never_calculated()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        var file = XlsxCells.Fill(await DownloadAsync(fixture, fixture.Alpha), new Dictionary<string, string> { ["E8"] = "=HYPERLINK(\"https://evil.example\",\"x\")" });

        var problems = await AssertRefusedAsync(fixture, file, before);

        Assert.Equal("Row 8: cell E8 holds a formula, which is never calculated on import. Type the value itself.", problems);
    }

    [Fact]
    public async Task The_file_of_another_organisation_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        var file = XlsxCells.Fill(await DownloadAsync(fixture, fixture.Round.Organisations["Beta"]), new Dictionary<string, string> { ["D8"] = "Yes" });

        var problems = await AssertRefusedAsync(fixture, file, before);

        Assert.StartsWith("This file is the questionnaire of Beta", problems, StringComparison.Ordinal);
        Assert.Contains("not of Alpha", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);

        var text = await AssertRefusedAsync(fixture, Encoding.UTF8.GetBytes("Code,Answer\nAAA-1.01,Yes\n"), before);
        var otherZip = await AssertRefusedAsync(fixture, Zip(("readme.txt", 10)), before);
        var empty = await AssertRefusedAsync(fixture, [], before);

        Assert.StartsWith("The file is not an Excel workbook (.xlsx).", text, StringComparison.Ordinal);
        Assert.StartsWith("The file is not an Excel workbook (.xlsx).", otherZip, StringComparison.Ordinal);
        Assert.StartsWith("The file is empty.", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_workbook_is_refused_with_a_message_for_people_not_the_reader_library_s()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        using var damaged = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(damaged, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "xl/workbook.xml" })
            {
                await using var entry = await zip.CreateEntry(name).OpenAsync(TestContext.Current.CancellationToken);
                await entry.WriteAsync(Encoding.UTF8.GetBytes("<Types><unclosed"), TestContext.Current.CancellationToken);
            }
        }

        var problems = await AssertRefusedAsync(fixture, damaged.ToArray(), before);

        Assert.StartsWith("The file is not a spreadsheet that can be read.", problems, StringComparison.Ordinal);
        Assert.DoesNotContain("xml", problems.Replace(".xlsx", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_that_is_not_a_questionnaire_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        using var report = new MemoryStream();
        await MegaBench.Reports.RoundXlsx.WriteAsync(await LoadReportAsync(fixture), report, TestContext.Current.CancellationToken);

        var problems = await AssertRefusedAsync(fixture, report.ToArray(), before);

        Assert.StartsWith("The file is a workbook but not a MegaBench questionnaire", problems, StringComparison.Ordinal);
    }

    private static async Task<MegaBench.Reports.RoundReport> LoadReportAsync(Fixture fixture)
    {
        await using var db = fixture.Database.NewContext();
        return await MegaBench.Reports.RoundReport.LoadAsync(db, fixture.Round.RoundId, _ => true, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_before_it_is_read_whole()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        var file = await DownloadAsync(fixture, fixture.Alpha);

        var problems = await AssertRefusedAsync(fixture, file, before, ImportLimits.Default with { MaxFileBytes = file.Length - 1 });
        var huge = await AssertRefusedAsync(fixture, new byte[(5 * 1024 * 1024) + 1], before);

        Assert.StartsWith("The file is larger than 0 MB", problems, StringComparison.Ordinal);
        Assert.StartsWith("The file is larger than 5 MB, far more than a questionnaire.", huge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_by_its_unpacked_size_before_parsing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        // 51 MB of zeros packs into about 50 KB: far below the upload limit, far above what a questionnaire unpacks to.
        var bomb = Zip(("[Content_Types].xml", 100), ("xl/workbook.xml", 100), ("xl/worksheets/sheet1.xml", 51 * 1024 * 1024));
        Assert.True(bomb.Length < 1024 * 1024);

        var problems = await AssertRefusedAsync(fixture, bomb, before);

        Assert.StartsWith("The file unpacks to more than 50 MB, far more than a questionnaire (it may be a zip bomb).", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_of_too_many_parts_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        var parts = Zip([("[Content_Types].xml", 10), ("xl/workbook.xml", 10), .. Enumerable.Range(0, 200).Select(i => ($"xl/part{i}.xml", 1))]);

        var problems = await AssertRefusedAsync(fixture, parts, before);

        Assert.StartsWith("The file holds 202 parts; a questionnaire holds about a dozen (at most 100 are read).", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_changed_in_the_file_and_in_MegaBench_since_the_download_is_a_conflict_and_nothing_is_applied()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var downloaded = await DownloadAsync(fixture, fixture.Alpha);
        await using (var db = database.NewContext())
        {
            var answer = await db.Answers.SingleAsync(a => a.OrganisationId == fixture.Alpha && a.IndicatorCode == "AAA-1.01", TestContext.Current.CancellationToken);
            answer.Value = AnswerValue.NotDetermined;
            answer.Version++;
            answer.UpdatedBy = "colleague";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var before = await AnswersAsync(fixture);
        var problems = await AssertRefusedAsync(fixture, XlsxCells.Fill(downloaded, new Dictionary<string, string> { ["D8"] = "Yes", ["D9"] = "No" }), before);

        Assert.Equal("Row 8 (AAA-1.01): this answer was changed in MegaBench after the file was downloaded (by colleague), so the file would overwrite it. " +
            "Nothing was imported: download the file again and copy your changes into it.", problems);

        // Rows left as downloaded do not undo the colleague's change.
        var report = await UploadAsync(fixture, fixture.Alpha, XlsxCells.Fill(downloaded, new Dictionary<string, string> { ["D9"] = "No" }));
        Assert.True(report.Applied, string.Join("\n", report.Problems));
        await using var check = database.NewContext();
        var values = await check.Answers.Where(a => a.OrganisationId == fixture.Alpha).ToDictionaryAsync(a => a.IndicatorCode, a => a.Value, TestContext.Current.CancellationToken);
        Assert.Equal((AnswerValue.NotDetermined, AnswerValue.No), (values["AAA-1.01"], values["AAA-1.02"]));
    }

    [Fact]
    public async Task Texts_over_the_limits_are_reported_by_row()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fixture = await BuildAsync(database);
        var before = await AnswersAsync(fixture);
        var file = XlsxCells.Fill(await DownloadAsync(fixture, fixture.Alpha), new Dictionary<string, string> { ["E9"] = new string('x', 4001), ["F10"] = new string('y', 2001) });

        var problems = await AssertRefusedAsync(fixture, file, before);

        Assert.Contains("Row 9 (AAA-1.02): the comment is 4001 characters long; use at most 4000.", problems, StringComparison.Ordinal);
        Assert.Contains("Row 10 (AAA-2.01): the evidence is 2001 characters long; use at most 2000.", problems, StringComparison.Ordinal);
    }

    private static byte[] Zip(params (string Name, int Bytes)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var zeros = new byte[81920];
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                for (var left = bytes; left > 0; left -= zeros.Length)
                {
                    stream.Write(zeros, 0, Math.Min(left, zeros.Length));
                }
            }
        }

        return output.ToArray();
    }
}
