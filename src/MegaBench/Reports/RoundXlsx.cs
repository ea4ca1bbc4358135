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
    /// <summary>The name of the scores worksheet, a key of the interface texts.</summary>
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

    /// <summary>
    /// The worksheet name of a group: its code and name in <paramref name="language"/> (the framework's source language
    /// when null), within Excel's 31 characters and without the characters it forbids.
    /// </summary>
    public static string SheetName(AssessmentSheet sheet, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var groupName = language is null ? sheet.Group.Name.Source : sheet.Group.Name[language];
        var name = new string([.. $"{sheet.Group.Code} {groupName}".Select(c => "[]:*?/\\'".Contains(c, StringComparison.Ordinal) ? ' ' : c)]).Trim();
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

    /// <summary>"✓ [3][4]": the mark and its footnote numbers; "✓ ↻" for an answer carried over from an earlier round and not yet confirmed.</summary>
    public static string CellText(SheetCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        string[] parts = [ReportText.Mark(cell.Value), cell.CarriedOverFrom is null ? "" : ReportText.CarriedMark, string.Concat(cell.Footnotes.Select(n => $"[{n}]"))];
        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    public static string ColumnHeader(SheetColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.NoteNumber is { } n ? $"{column.Name} [{n}]" : column.Name;
    }

    private static async Task WriteSheetAsync(Spreadsheet spreadsheet, RoundReport report, AssessmentSheet sheet, Styles styles, CancellationToken ct)
    {
        var t = report.Text;
        var options = new WorksheetOptions { FrozenColumns = 2 };
        options.Column(1).Width = 11;
        options.Column(2).Width = 70;
        for (var column = 0; column < sheet.Columns.Count; column++)
        {
            options.Column(column + 3).Width = 18;
        }

        await spreadsheet.StartWorksheetAsync(SheetName(sheet, t.Language), options, ct);
        await spreadsheet.AddRowAsync([Text($"{report.Title} – {report.Of(sheet.Group.Name)}", styles.Title)], ct);
        await spreadsheet.AddRowAsync([Text(t["Final objective"], styles.Bold), Text(report.Of(sheet.Group.FinalObjective), styles.Wrap)], ct);
        await spreadsheet.AddRowAsync([Text(""), Text(t[ReportText.SheetKey], styles.Wrap)], ct);
        if (ReportText.CarriedOverNotice(report, sheet) is { } carried)
        {
            await spreadsheet.AddRowAsync([Text(""), Text(carried, styles.Wrap)], ct);
        }

        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text(t["Code"], styles.Bold), Text(t["Statement"], styles.Bold), .. sheet.Columns.Select(c => Text(ColumnHeader(c), styles.Bold))], ct);

        foreach (var stage in sheet.Stages)
        {
            await spreadsheet.AddRowAsync([Text(t["Stage {0}", stage.Stage.Number], styles.Bold), Text($"{report.Of(stage.Stage.Name)} ({report.Of(stage.Stage.Level)})", styles.Bold)], ct);
            await spreadsheet.AddRowAsync([Text(""), Text(report.Of(stage.GroupStage.Narrative), styles.Wrap)], ct);
            foreach (var row in stage.Rows)
            {
                await spreadsheet.AddRowAsync(
                    [Text(row.Indicator.Code), Text(report.Of(row.Indicator.Text), styles.Wrap), .. row.Cells.Select(c => Text(CellText(c), styles.Centre))], ct);
            }

            await spreadsheet.AddRowAsync(
                [Text(""), Text(t["{0} at stage {1}", t[SheetTotals.Heading], stage.Stage.Number], styles.Bold), .. stage.Totals.Select(tally => Text(report.Totals(tally), styles.Centre))], ct);
            await spreadsheet.AddRowAsync(
                [Text(""), Text(t["Share met at stage {0}", stage.Stage.Number], styles.Bold),
                    .. sheet.Columns.Select(c => Text(t.Percent(report.ScoreOf(c).Stages.First(s => s.Stage == stage.Stage.Number).Tally.ShareMet), styles.Centre))], ct);
        }

        await spreadsheet.AddRowAsync([Text(""), Text(t["Level"], styles.Bold), .. sheet.Columns.Select(c => Text(report.LevelText(report.ScoreOf(c)), styles.Wrap))], ct);
        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text(t["Footnotes"], styles.Bold)], ct);
        foreach (var note in sheet.Footnotes)
        {
            // The note's text in a cell of its own: neutralised as typed, never hidden behind a prefix.
            await spreadsheet.AddRowAsync([Text($"[{note.Number}]"), Text(ReportText.FootnoteSource(note, t), styles.Wrap), Text(note.Text, styles.Wrap)], ct);
        }

        if (sheet.Footnotes.Count == 0)
        {
            await spreadsheet.AddRowAsync([Text(""), Text(t["No comments or notes on this sheet."])], ct);
        }
    }

    private static async Task WriteScoresAsync(Spreadsheet spreadsheet, RoundReport report, Styles styles, CancellationToken ct)
    {
        var t = report.Text;
        string YesNo(bool value) => t[value ? "Yes" : "No"];
        var options = new WorksheetOptions();
        options.Column(1).Width = 12;
        options.Column(2).Width = 36;
        await spreadsheet.StartWorksheetAsync(t[ScoresSheetName], options, ct);
        await spreadsheet.AddRowAsync([Text(t["{0} – scores", report.Title], styles.Title)], ct);
        await spreadsheet.AddRowAsync([Text(ReportText.ScoringRule(report))], ct);
        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);

        await spreadsheet.AddRowAsync([Text(t["Organisations"], styles.Bold)], ct);
        await spreadsheet.AddRowAsync(
            Headings(styles.Bold, t, "Group", "Organisation", "Stage", "Yes", "No", "Not determined", "Unanswered", "Share met (%)", "Coverage (%)", "Stage reached", "Low coverage", "Level"), ct);
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
                        Text(YesNo(stage.Reached)), Text(YesNo(stage.LowCoverage)), Text(report.LevelText(organisation)),
                    ], ct);
                }
            }
        }

        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text(t["Stakeholder groups"], styles.Bold)], ct);
        await spreadsheet.AddRowAsync(
            Headings(styles.Bold, t, "Group", "Name", "Organisations", "Median level", "Ecosystem level", "Coverage (%)", "Low coverage"), ct);
        foreach (var group in report.Scores.Groups)
        {
            await spreadsheet.AddRowAsync(
            [
                Text(group.Group), Text(report.GroupName(group.Group)), new Cell(group.Organisations.Count),
                Text(report.LevelText(group.MedianLevel)), Text(report.LevelText(group.EcosystemLevel)),
                Percent(group.Tally.Coverage), Text(YesNo(group.LowCoverage)),
            ], ct);
        }

        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text(t["Themes"], styles.Bold)], ct);
        await spreadsheet.AddRowAsync(
            Headings(styles.Bold, t, "Theme", "Name", "Score (0–100)", "Indicators", "Indicators with data", "Coverage (%)", "Low coverage"), ct);
        foreach (var theme in report.Scores.Themes)
        {
            await spreadsheet.AddRowAsync(
            [
                Text(theme.Theme), Text(report.ThemeName(theme.Theme)),
                theme.Score is { } score ? new Cell(Math.Round(score, 1)) : Text(t["no data"]),
                new Cell(theme.Indicators), new Cell(theme.IndicatorsWithData), Percent(theme.Tally.Coverage), Text(YesNo(theme.LowCoverage)),
            ], ct);
        }
    }

    private static Cell Percent(double? share) => share is { } s ? new Cell(Math.Round(s * 100, 1)) : Text("–");

    /// <summary>A header row: each heading is a key of the interface texts.</summary>
    private static Cell[] Headings(StyleId style, Localization.InterfaceText text, params string[] headings) => [.. headings.Select(h => Text(text[h], style))];
}
