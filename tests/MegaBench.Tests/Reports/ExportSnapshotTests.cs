using System.Text;
using MegaBench.Reports;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Reports;

/// <summary>
/// Pins what the exports say for the demo city of <see cref="ReportFixture"/>: the CSV byte for byte, and the
/// text of the XLSX and DOCX as a reader sees it. On a difference the actual text is written to the temp
/// folder, to compare or, when the change is intended, to copy over the expected file.
/// </summary>
public sealed class ExportSnapshotTests
{
    private static void AssertSnapshot(string name, string actual)
    {
        var expected = ReportFixture.Expected(name);
        if (expected != actual)
        {
            var path = Path.Combine(Path.GetTempPath(), "megabench-snapshots", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.Fail($"The export differs from Reports/Expected/{name}; the actual text is in {path}.\n" +
                        $"First difference at character {expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count()}.");
        }
    }

    [Fact]
    public async Task Csv_has_one_row_per_organisation_and_statement_as_pinned()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var csv = await ReportFixture.WriteAsync(report, RoundExportFormat.Csv);

        Assert.False(csv.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark");
        AssertSnapshot("demoville.csv", Encoding.UTF8.GetString(csv).ReplaceLineEndings("\n"));
        Assert.Contains("\r\n", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_has_a_sheet_per_group_and_scores_and_the_group_sheet_reads_as_pinned()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var xlsx = await ReportFixture.WriteAsync(report, RoundExportFormat.Xlsx);

        Assert.Equal(["AAA Group AAA", "BBB Group BBB", "Scores"], ReportFixture.SheetNames(xlsx));
        AssertSnapshot("demoville-aaa.xlsx.txt", ReportFixture.WorksheetText(xlsx, "AAA Group AAA"));
        AssertSnapshot("demoville-scores.xlsx.txt", ReportFixture.WorksheetText(xlsx, "Scores"));
    }

    [Fact]
    public async Task Docx_reads_as_pinned_with_narrative_sheets_footnotes_and_scores()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var docx = await ReportFixture.WriteAsync(report, RoundExportFormat.Docx);

        AssertSnapshot("demoville.docx.txt", ReportFixture.DocumentText(docx));
    }

    [Fact]
    public async Task A_comment_that_looks_like_a_formula_is_text_in_csv_and_xlsx()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var csv = Encoding.UTF8.GetString(await ReportFixture.WriteAsync(report, RoundExportFormat.Csv));
        var xlsx = ReportFixture.WorksheetText(await ReportFixture.WriteAsync(report, RoundExportFormat.Xlsx), "AAA Group AAA");

        Assert.Contains("\"'=1+1\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=1+1\"", csv, StringComparison.Ordinal);
        Assert.Contains("[3] | Alpha office, AAA-2.01 | '=1+1\n", xlsx, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_texts_leave_every_export_well_formed()
    {
        // SQLite on purpose: it stores NUL and lone surrogates, which PostgreSQL refuses outright, and the exporters
        // must still write well-formed XML and HTML for whatever a database holds.
        await using var database = await TestDatabase.CreateSqliteAsync();
        var hostile = "=cmd|' /C calc'!A0 \u0001\u0000 <b>x</b> & \"quoted\" \ud800 end";
        var round = await new RoundBuilder()
            .WithOrganisation(hostile, "AAA", hostile, new AnswerSpec("AAA-1.01", MegaBench.Answers.AnswerValue.Yes, hostile, hostile))
            .WithNarrative(MegaBench.Rounds.NarrativeKind.Obstacles, hostile)
            .BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var xlsx = await ReportFixture.WriteAsync(report, RoundExportFormat.Xlsx);
        var docx = await ReportFixture.WriteAsync(report, RoundExportFormat.Docx);
        var html = RoundHtml.Render(report);

        Assert.Contains("'=cmd|", ReportFixture.WorksheetText(xlsx, "AAA Group AAA"), StringComparison.Ordinal);
        Assert.Contains("<b>x</b> & \"quoted\"", ReportFixture.DocumentText(docx), StringComparison.Ordinal);
        // Data (names, comments) is encoded; the narrative's Markdown reads as on the page, through the same sanitiser.
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<b>x</b> &amp; \"quoted\"", html, StringComparison.Ordinal);
    }

    /// <summary>The printed sheet (the PDF) as the seed's: a table per stage with its caption, its footnotes at its foot, one level row.</summary>
    [Fact]
    public async Task Printed_sheet_has_each_stage_s_footnotes_at_its_foot()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(RoundHtml.Render(report));

        var stages = html.QuerySelectorAll("section.sheet")[0].QuerySelectorAll(".sheet-stage").ToList();
        Assert.Equal(
            ["Demoville’s checklist at the basic level of performance", "Demoville’s checklist at the intermediate level of performance", "Demoville’s checklist at the advanced level of performance"],
            stages.Select(s => s.QuerySelector("caption")!.TextContent));
        Assert.Equal(
            [["[1] Alpha office (note on the organisation): Answered by phone.", "[2] Comment from the questionnaire: “A help desk since 2015.” (Alpha office, AAA-1.01)"],
             ["[3] Comment from the questionnaire: “=1+1” (Alpha office, AAA-2.01)", "[4] Alpha office, AAA-2.02 (coordinator's note): The positive answer is not supported by further detailed information."],
             []],
            stages.Select(s => s.QuerySelectorAll("ol.notes li").Select(li => li.TextContent).ToArray()));
        Assert.Equal([0, 0, 1], stages.Select(s => s.QuerySelectorAll("tr.total").Count(tr => tr.Children[1].TextContent == "Level")));
    }

    [Fact]
    public async Task Html_report_keeps_no_raw_html_or_script_link_from_the_narrative()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var html = RoundHtml.Render(report);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://example.org/guide\">a guide</a>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>many</strong>", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4 landscape", html, StringComparison.Ordinal);
        Assert.Contains("break-inside: avoid", html, StringComparison.Ordinal);
        Assert.Contains("<thead><tr><th scope=\"col\">Code</th>", html, StringComparison.Ordinal);
    }
}
