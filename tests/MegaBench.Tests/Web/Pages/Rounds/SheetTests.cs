using AngleSharp.Dom;
using MegaBench.Answers;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Pages.Rounds;

public sealed class SheetTests
{
    /// <summary>
    /// Group AAA with three organisations (Alpha and Gamma carry organisation notes) and a BBB organisation
    /// that must not appear. The footnotes, in reading order, are:
    /// 1 Alpha's note, 2 Gamma's note (headers), 3 Alpha's comment on AAA-1.01, 4 Beta's comment on AAA-1.01,
    /// 5 the coordinator's note on Beta's AAA-1.01, 6 the coordinator's note on Alpha's AAA-2.01,
    /// 7 Gamma's comment on AAA-3.02.
    /// </summary>
    private static Task<BuiltRound> BuildRoundAsync(TestDatabase database) =>
        new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", "Alpha is the city's business unit.",
                new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: "Only for start-ups."),
                new AnswerSpec("AAA-1.02", AnswerValue.No),
                new AnswerSpec("AAA-2.01", AnswerValue.NotDetermined, Note: "Not supported by further detailed information."))
            .WithOrganisation("Beta", "AAA", null,
                new AnswerSpec("AAA-1.01", AnswerValue.No, Comment: "Not at international level.", Note: "Checked with the chamber."),
                new AnswerSpec("AAA-1.02", AnswerValue.Yes))
            .WithOrganisation("Gamma", "AAA", "Gamma is a regional agency.",
                new AnswerSpec("AAA-1.01", AnswerValue.Yes),
                new AnswerSpec("AAA-3.02", AnswerValue.Yes, Comment: "Since 2017."))
            .WithOrganisation("Delta", "BBB", "Delta must not show on the AAA sheet.",
                new AnswerSpec("BBB-1.01", AnswerValue.Yes, Comment: "Delta's comment."))
            .BuildAsync(database);

    [Fact]
    public async Task Sheet_has_the_title_objective_and_stages_of_the_group()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        Assert.Equal("Testville’s assessment sheet – Group AAA", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("The final objective of AAA.", page.QuerySelector(".objective")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["1. Laying the foundations", "2. Expanding the work", "3. Making the work normal practice"],
            page.QuerySelectorAll(".sheet-stage h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(
            ["AAA at stage 1 does more.", "AAA at stage 2 does more.", "AAA at stage 3 does more."],
            page.QuerySelectorAll(".sheet-stage .narrative").Select(p => p.TextContent.Trim()));
        Assert.Equal(
            "Testville’s checklist at the basic level of performance",
            page.QuerySelector(".sheet-stage caption")!.TextContent.Trim());
        Assert.All(page.QuerySelectorAll(".sheet-stage table"), table => Assert.NotNull(table.Closest(".table-scroll")));
    }

    [Fact]
    public async Task Sheet_lists_statements_by_stage_and_one_column_per_organisation_of_the_group()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        var tables = page.QuerySelectorAll(".sheet-stage .sheet-table").ToList();
        Assert.Equal(3, tables.Count);
        var headers = tables[0].QuerySelectorAll("thead th[scope=col]").Select(Name).ToList();
        Assert.Equal(["Statement", "Alpha", "Beta", "Gamma"], headers);
        for (var stage = 1; stage <= 3; stage++)
        {
            var rows = tables[stage - 1].QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent.Trim()).ToList();
            Assert.Equal([$"AAA-{stage}.01 AAA statement {stage}.01.", $"AAA-{stage}.02 AAA statement {stage}.02."], rows);
        }

        Assert.DoesNotContain("Delta", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cells_show_marks_with_spoken_text_and_totals_count_what_the_level_rule_uses()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        var tables = page.QuerySelectorAll(".sheet-stage .sheet-table").ToList();
        Assert.Equal([("✓", "Yes"), ("–", "No"), ("✓", "Yes")], Cells(tables[0], row: 0));
        Assert.Equal([("–", "No"), ("✓", "Yes"), ("", "Not answered")], Cells(tables[0], row: 1));
        Assert.Equal([("n/d", "Not determined"), ("", "Not answered"), ("", "Not answered")], Cells(tables[1], row: 0));
        // Yes of yes + no, as the stage's share met counts them; the others apart.
        Assert.Equal(["1 of 2", "1 of 2", "1 of 1 (1 not answered)"], Totals(tables[0]));
        Assert.Equal(["0 of 0 (1 n/d, 1 not answered)", "0 of 0 (2 not answered)", "0 of 0 (2 not answered)"], Totals(tables[1]));
        Assert.Equal(["0 of 0 (2 not answered)", "0 of 0 (2 not answered)", "1 of 1 (1 not answered)"], Totals(tables[2]));
    }

    /// <summary>
    /// Five statements per stage. Oriana is the case of issue 14 (defects 3 and 4): stage 1 has 2 yes, 0 no and 3 n/d,
    /// the later stages are answered no, so 12 of its 15 statements are answered yes or no, but its level rests on
    /// stage 1, answered on 2 of 5. Solid reaches basic level on five answers; Thin fails stage 1 on two of five.
    /// </summary>
    private static Task<BuiltRound> BuildFiveStatementRoundAsync(TestDatabase database)
    {
        static AnswerSpec[] Answers(string pattern) =>
        [
            .. pattern.Split(' ').SelectMany((stage, s) => stage.Select((mark, n) => new AnswerSpec(
                $"AAA-{s + 1}.{n + 1:00}",
                mark switch { 'y' => AnswerValue.Yes, 'n' => AnswerValue.No, _ => AnswerValue.NotDetermined }))),
        ];

        return new RoundBuilder()
            .WithFramework(new FrameworkBuilder().WithIndicatorsPerStage(5).Build())
            .WithOrganisation("Oriana", "AAA", null, Answers("yyddd nnnnn nnnnn"))
            .WithOrganisation("Solid", "AAA", null, Answers("yyyyy nnnnn nnnnn"))
            .WithOrganisation("Thin", "AAA", null, Answers("ynddd yyyyy yyyyy"))
            .BuildAsync(database);
    }

    [Fact]
    public async Task Each_organisation_shows_the_level_it_reached_flagged_when_a_stage_it_rests_on_has_little_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildFiveStatementRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        Assert.Equal(
            ["basic level – little data", "basic level", "not yet at basic level – little data"],
            page.QuerySelectorAll(".sheet-levels td.level").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task The_totals_row_shows_yes_of_yes_and_no_so_that_it_never_contradicts_the_level()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildFiveStatementRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        var stage1 = page.QuerySelectorAll(".sheet-stage .sheet-table")[0];
        Assert.Equal("Statements met (yes of yes + no)", stage1.QuerySelector("tfoot th")!.TextContent.Trim());
        Assert.Equal(["2 of 2 (3 n/d)", "5 of 5", "1 of 2 (3 n/d)"], Totals(stage1));
    }

    [Fact]
    public async Task A_level_resting_on_enough_answers_is_not_flagged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null,
                new AnswerSpec("AAA-1.01", AnswerValue.Yes), new AnswerSpec("AAA-1.02", AnswerValue.Yes),
                new AnswerSpec("AAA-2.01", AnswerValue.Yes), new AnswerSpec("AAA-2.02", AnswerValue.Yes),
                new AnswerSpec("AAA-3.01", AnswerValue.No), new AnswerSpec("AAA-3.02", AnswerValue.No))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        Assert.Equal("intermediate level", page.QuerySelector(".sheet-levels td.level")!.TextContent.Trim());
    }

    [Fact]
    public async Task Footnotes_are_numbered_in_reading_order_headers_first_then_row_by_row()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        var notes = page.QuerySelectorAll(".footnotes li").ToList();
        Assert.Equal(
            [
                "Alpha is the city's business unit.",
                "Gamma is a regional agency.",
                "Only for start-ups.",
                "Not at international level.",
                "Checked with the chamber.",
                "Not supported by further detailed information.",
                "Since 2017.",
            ],
            notes.Select(li => li.QuerySelector(".note-text")!.TextContent));
        Assert.Equal(["note-1", "note-2", "note-3", "note-4", "note-5", "note-6", "note-7"], notes.Select(li => li.Id));

        var tables = page.QuerySelectorAll(".sheet-stage .sheet-table").ToList();
        Assert.Equal(["1", "", "2"], tables[0].QuerySelectorAll("thead th.organisation").Select(Superscripts));
        var firstRow = tables[0].QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(Superscripts);
        Assert.Equal(["3", "4 5", ""], firstRow);
        Assert.Equal("6", Superscripts(tables[1].QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td")[0]));
        Assert.Equal("7", Superscripts(tables[2].QuerySelectorAll("tbody tr")[1].QuerySelectorAll("td")[2]));
        Assert.Equal("#note-4", tables[0].QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td")[1].QuerySelector("sup a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Footnotes_stand_at_the_foot_of_their_stage_and_comments_read_as_in_the_seed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        var stages = page.QuerySelectorAll(".sheet-stage").ToList();
        Assert.Equal(
            [["note-1", "note-2", "note-3", "note-4", "note-5"], ["note-6"], ["note-7"]],
            stages.Select(stage => stage.QuerySelectorAll(".footnotes li").Select(li => li.Id).ToArray()));
        Assert.StartsWith("Comment from the questionnaire: “Only for start-ups.” (Alpha, AAA-1.01)", System.Text.RegularExpressions.Regex.Replace(page.GetElementById("note-3")!.TextContent.Trim(), @"\s+", " "), StringComparison.Ordinal);
        Assert.StartsWith("Not supported by further detailed information. (Alpha, AAA-2.01, coordinator's note)", System.Text.RegularExpressions.Regex.Replace(page.GetElementById("note-6")!.TextContent.Trim(), @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_group_or_round_is_not_found()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var unknownGroup = await client.GetAsync(new Uri($"/rounds/{round.RoundId}/sheets/ZZZ", UriKind.Relative), TestContext.Current.CancellationToken);
        var unknownRound = await client.GetAsync(new Uri($"/rounds/{round.RoundId + 100}/sheets/AAA", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownGroup.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownRound.StatusCode);
    }

    [Fact]
    public async Task Hostile_comments_and_names_are_shown_as_text()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation(HostileStrings.AttributeBreakout, "AAA", HostileStrings.Script,
                new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: HostileStrings.EventHandler, Note: HostileStrings.RightToLeft))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        Assert.Empty(page.QuerySelectorAll("main script, main img, main svg"));
        Assert.Equal(HostileStrings.AttributeBreakout, Name(page.QuerySelectorAll("thead th.organisation")[0]));
        Assert.Equal(
            [HostileStrings.Script, HostileStrings.EventHandler, HostileStrings.RightToLeft],
            page.QuerySelectorAll(".footnotes .note-text").Select(n => n.TextContent));
    }

    /// <summary>A column header's own text, without its footnote number.</summary>
    private static string Name(IElement header) =>
        string.Concat(header.ChildNodes.Where(n => n is not IElement { LocalName: "sup" }).Select(n => n.TextContent)).Trim();

    private static string Superscripts(IElement element) =>
        string.Join(" ", element.QuerySelectorAll("sup").Select(s => s.TextContent.Trim()));

    private static List<(string Mark, string Spoken)> Cells(IElement table, int row) =>
        [.. table.QuerySelectorAll("tbody tr")[row].QuerySelectorAll("td").Select(td =>
            (td.QuerySelector("[aria-hidden=true]")!.TextContent, td.QuerySelector(".visually-hidden")!.TextContent))];

    private static List<string> Totals(IElement table) =>
        [.. table.QuerySelectorAll("tfoot td").Select(td => td.TextContent.Trim())];
}
