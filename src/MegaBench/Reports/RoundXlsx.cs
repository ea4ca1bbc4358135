using MegaBench.Exports;
using MegaBench.Rounds;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace MegaBench.Reports;

/// <summary>
/// The XLSX of a round: one worksheet per stakeholder group laid out like the assessment sheet, then a
/// "Scores" worksheet, written with SpreadCheetah (MIT, maintained, small and fast).
/// </summary>
/// <remarks>
/// Every text cell goes through <see cref="SpreadsheetText.Neutralise"/>, even those a spreadsheet would
/// not evaluate (SpreadCheetah writes text as text): a file copied, re-saved as CSV or pasted elsewhere must
/// stay harmless. Counts and scores are numbers, so that they can be summed and sorted.
/// </remarks>
public static class RoundXlsx
{
    public const string ScoresSheetName = "Scores";

    public static async Task WriteAsync(RoundReport report, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);

        // The zip container ends with a synchronous write, which an HTTP response refuses: the file of one
        // round (tens of kilobytes) is built in memory and copied asynchronously.
        using var buffer = new MemoryStream();
        await WriteWorkbookAsync(report, buffer, cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static async Task WriteWorkbookAsync(RoundReport report, Stream output, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var styles = new Styles(
            spreadsheet.AddStyle(new Style { Font = { Bold = true, Size = 14 } }),
            spreadsheet.AddStyle(new Style { Font = { Bold = true } }),
            spreadsheet.AddStyle(new Style { Alignment = { WrapText = true, Vertical = VerticalAlignment.Top } }),
            spreadsheet.AddStyle(new Style { Alignment = { Horizontal = HorizontalAlignment.Center } }));
        foreach (var sheet in report.Sheets)
        {
            await WriteSheetAsync(spreadsheet, report, sheet, styles, cancellationToken);
        }

        await WriteScoresAsync(spreadsheet, report, styles, cancellationToken);
        await spreadsheet.FinishAsync(cancellationToken);
    }

    /// <summary>The worksheet name of a group: its code and name, within Excel's 31 characters and without the characters it forbids.</summary>
    public static string SheetName(AssessmentSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var name = new string([.. $"{sheet.Group.Code} {sheet.Group.Name.Source}".Select(c => "[]:*?/\\'".Contains(c, StringComparison.Ordinal) ? ' ' : c)]).Trim();
        if (name.Length <= 31)
        {
            return name;
        }

        // Cut at the last whole word that fits, never mid-word ("MUN Municipalities and" rather than "…and regi").
        var cut = name.LastIndexOf(' ', 31);
        return (cut > sheet.Group.Code.Length ? name[..cut] : name[..31]).TrimEnd();
    }

    private sealed record Styles(StyleId Title, StyleId Bold, StyleId Wrap, StyleId Centre);

    private static Cell Text(string? text, StyleId? style = null) =>
        style is null ? new Cell(XmlText.Clean(SpreadsheetText.Neutralise(text))) : new Cell(XmlText.Clean(SpreadsheetText.Neutralise(text)), style);

    /// <summary>"✓ [3][4]": the mark and its footnote numbers.</summary>
    public static string CellText(SheetCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return string.Concat([ReportText.Mark(cell.Value), cell.Footnotes.Count > 0 && cell.Value != Answers.AnswerValue.Unanswered ? " " : "",
            .. cell.Footnotes.Select(n => $"[{n}]")]);
    }

    public static string ColumnHeader(SheetColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.NoteNumber is { } n ? $"{column.Name} [{n}]" : column.Name;
    }

    private static async Task WriteSheetAsync(Spreadsheet spreadsheet, RoundReport report, AssessmentSheet sheet, Styles styles, CancellationToken ct)
    {
        var options = new WorksheetOptions { FrozenColumns = 2 };
        options.Column(1).Width = 11;
        options.Column(2).Width = 70;
        for (var column = 0; column < sheet.Columns.Count; column++)
        {
            options.Column(column + 3).Width = 18;
        }

        await spreadsheet.StartWorksheetAsync(SheetName(sheet), options, ct);
        await spreadsheet.AddRowAsync([Text($"{report.Title} – {sheet.Group.Name.Source}", styles.Title)], ct);
        await spreadsheet.AddRowAsync([Text("Final objective", styles.Bold), Text(sheet.Group.FinalObjective.Source, styles.Wrap)], ct);
        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text("Code", styles.Bold), Text("Statement", styles.Bold), .. sheet.Columns.Select(c => Text(ColumnHeader(c), styles.Bold))], ct);

        foreach (var stage in sheet.Stages)
        {
            await spreadsheet.AddRowAsync([Text($"Stage {stage.Stage.Number}", styles.Bold), Text($"{stage.Stage.Name.Source} ({stage.Stage.Level.Source})", styles.Bold)], ct);
            await spreadsheet.AddRowAsync([Text(""), Text(stage.GroupStage.Narrative.Source, styles.Wrap)], ct);
            foreach (var row in stage.Rows)
            {
                await spreadsheet.AddRowAsync(
                    [Text(row.Indicator.Code), Text(row.Indicator.Text.Source, styles.Wrap), .. row.Cells.Select(c => Text(CellText(c), styles.Centre))], ct);
            }

            await spreadsheet.AddRowAsync(
                [Text(""), Text($"{SheetTotals.Heading} at stage {stage.Stage.Number}", styles.Bold), .. stage.Totals.Select(t => Text(SheetTotals.English(t), styles.Centre))], ct);
            await spreadsheet.AddRowAsync(
                [Text(""), Text($"Share met at stage {stage.Stage.Number}", styles.Bold),
                    .. sheet.Columns.Select(c => Text(ReportText.Percent(report.ScoreOf(c).Stages.First(s => s.Stage == stage.Stage.Number).Tally.ShareMet), styles.Centre))], ct);
        }

        await spreadsheet.AddRowAsync([Text(""), Text("Level", styles.Bold), .. sheet.Columns.Select(c => Text(report.LevelText(report.ScoreOf(c)), styles.Wrap))], ct);
        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text("Footnotes", styles.Bold)], ct);
        foreach (var note in sheet.Footnotes)
        {
            // The note's text in a cell of its own: neutralised as typed, never hidden behind a prefix.
            await spreadsheet.AddRowAsync([Text($"[{note.Number}]"), Text(ReportText.FootnoteSource(note), styles.Wrap), Text(note.Text, styles.Wrap)], ct);
        }

        if (sheet.Footnotes.Count == 0)
        {
            await spreadsheet.AddRowAsync([Text(""), Text("No comments or notes on this sheet.")], ct);
        }
    }

    private static async Task WriteScoresAsync(Spreadsheet spreadsheet, RoundReport report, Styles styles, CancellationToken ct)
    {
        var options = new WorksheetOptions();
        options.Column(1).Width = 12;
        options.Column(2).Width = 36;
        await spreadsheet.StartWorksheetAsync(ScoresSheetName, options, ct);
        await spreadsheet.AddRowAsync([Text($"{report.Title} – scores", styles.Title)], ct);
        await spreadsheet.AddRowAsync(
            [Text($"Share met = yes / (yes + no); coverage = (yes + no) / statements. A stage is reached when its share met is at least " +
                  $"{report.Framework.Scoring.StageThreshold} and the stage before it is reached. Low coverage: below {report.Framework.Scoring.LowCoverage}.")], ct);
        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);

        await spreadsheet.AddRowAsync([Text("Organisations", styles.Bold)], ct);
        await spreadsheet.AddRowAsync(
            Headings(styles.Bold, "Group", "Organisation", "Stage", "Yes", "No", "Not determined", "Unanswered", "Share met (%)", "Coverage (%)", "Stage reached", "Low coverage", "Level"), ct);
        foreach (var group in report.Scores.Groups)
        {
            foreach (var organisation in group.Organisations)
            {
                foreach (var stage in organisation.Stages)
                {
                    await spreadsheet.AddRowAsync(
                    [
                        Text(group.Group), Text(organisation.Name), new Cell(stage.Stage), new Cell(stage.Tally.Yes), new Cell(stage.Tally.No),
                        new Cell(stage.Tally.NotDetermined), new Cell(stage.Tally.Unanswered), Percent(stage.Tally.ShareMet), Percent(stage.Tally.Coverage),
                        Text(stage.Reached ? "yes" : "no"), Text(stage.LowCoverage ? "yes" : "no"), Text(report.LevelText(organisation)),
                    ], ct);
                }
            }
        }

        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text("Stakeholder groups", styles.Bold)], ct);
        await spreadsheet.AddRowAsync(
            Headings(styles.Bold, "Group", "Name", "Organisations", "Median level", "Ecosystem level", "Coverage (%)", "Low coverage"), ct);
        foreach (var group in report.Scores.Groups)
        {
            await spreadsheet.AddRowAsync(
            [
                Text(group.Group), Text(report.Framework.FindGroup(group.Group)?.Name.Source), new Cell(group.Organisations.Count),
                Text(group.MedianLevel is { } median ? report.LevelText(median) : "no organisation"), Text(report.LevelText(group.EcosystemLevel)),
                Percent(group.Tally.Coverage), Text(group.LowCoverage ? "yes" : "no"),
            ], ct);
        }

        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text("Themes", styles.Bold)], ct);
        await spreadsheet.AddRowAsync(
            Headings(styles.Bold, "Theme", "Name", "Score (0–100)", "Indicators", "Indicators with data", "Coverage (%)", "Low coverage"), ct);
        foreach (var theme in report.Scores.Themes)
        {
            await spreadsheet.AddRowAsync(
            [
                Text(theme.Theme), Text(report.Framework.FindTheme(theme.Theme)?.Name.Source),
                theme.Score is { } score ? new Cell(Math.Round(score, 1)) : Text("no data"),
                new Cell(theme.Indicators), new Cell(theme.IndicatorsWithData), Percent(theme.Tally.Coverage), Text(theme.LowCoverage ? "yes" : "no"),
            ], ct);
        }
    }

    private static Cell Percent(double? share) => share is { } s ? new Cell(Math.Round(s * 100, 1)) : Text("–");

    private static Cell[] Headings(StyleId style, params string[] headings) => [.. headings.Select(h => Text(h, style))];
}
