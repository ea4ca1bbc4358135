using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using MegaBench.Exports;
using MegaBench.Rounds;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;
using Xl = DocumentFormat.OpenXml.Spreadsheet;

namespace MegaBench.Reports;

/// <summary>
/// The XLSX of a round: one worksheet per stakeholder group laid out like the assessment sheet, then a
/// "Scores" worksheet, written with SpreadCheetah (MIT, maintained, small and fast).
/// </summary>
/// <remarks>
/// Every text cell goes through <see cref="SpreadsheetText.Neutralise"/>, even those a spreadsheet would
/// not evaluate (SpreadCheetah writes text as text): a file copied, re-saved as CSV or pasted elsewhere must
/// stay harmless. Counts and scores are numbers, so that they can be summed and sorted.
/// <para>The file prints as the seed's sheets do: rows as tall as their wrapped text (a spreadsheet program does not
/// grow a row that a file wrote), A4 landscape, each sheet fitted to the page's width, and each group sheet's
/// column headings repeated on every page. SpreadCheetah writes no page set-up, so <see cref="SetUpPrinting"/> adds
/// it to the finished file with the Open XML SDK, which the DOCX export uses already.</para>
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
        var headingRows = await WriteWorkbookAsync(report, buffer, cancellationToken);
        SetUpPrinting(buffer, headingRows);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <returns>Per worksheet, in order, the row of its column headings (repeated on each printed page), or 0.</returns>
    private static async Task<IReadOnlyList<int>> WriteWorkbookAsync(RoundReport report, Stream output, CancellationToken cancellationToken)
    {
        var headingRows = new List<int>();
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var styles = new Styles(
            spreadsheet.AddStyle(new Style { Font = { Bold = true, Size = 14 } }),
            spreadsheet.AddStyle(new Style { Font = { Bold = true } }),
            spreadsheet.AddStyle(new Style { Alignment = { WrapText = true, Vertical = VerticalAlignment.Top } }),
            spreadsheet.AddStyle(new Style { Alignment = { Horizontal = HorizontalAlignment.Center } }),
            spreadsheet.AddStyle(new Style { Font = { Bold = true }, Alignment = { WrapText = true, Vertical = VerticalAlignment.Bottom } }));
        foreach (var sheet in report.Sheets)
        {
            headingRows.Add(await WriteSheetAsync(spreadsheet, report, sheet, styles, cancellationToken));
        }

        await WriteScoresAsync(spreadsheet, report, styles, cancellationToken);
        headingRows.Add(0);
        await spreadsheet.FinishAsync(cancellationToken);
        return headingRows;
    }

    /// <summary>Points per line of wrapped 11-point text, and the characters a column of width 1 holds (Excel's unit is a digit's width).</summary>
    private const double LineHeight = 15;

    private const double CharactersPerWidth = 1.0;

    /// <summary>A row as tall as its tallest wrapped cell: each cell's text and its column's width.</summary>
    private static RowOptions Fit(params (string? Text, double Width)[] cells) =>
        new() { Height = Math.Max(1, cells.Select(cell => Lines(cell.Text ?? "", (int)(cell.Width * CharactersPerWidth))).DefaultIfEmpty(1).Max()) * LineHeight };

    /// <summary>The lines a text takes when wrapped at spaces into lines of <paramref name="perLine"/> characters, as a spreadsheet wraps it.</summary>
    private static int Lines(string text, int perLine)
    {
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var used = 0;
            lines++;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (used > 0 && used + 1 + word.Length > perLine)
                {
                    lines++;
                    used = 0;
                }

                used += (used > 0 ? 1 : 0) + word.Length;
                lines += Math.Max(0, (used - 1) / perLine);
                used = used > perLine ? used % perLine : used;
            }
        }

        return lines;
    }

    /// <summary>A4 landscape, fitted to one page's width, headings repeated: see the remarks.</summary>
    private static void SetUpPrinting(MemoryStream xlsx, IReadOnlyList<int> headingRows)
    {
        xlsx.Position = 0;
        using var document = SpreadsheetDocument.Open(xlsx, isEditable: true);
        var workbook = document.WorkbookPart!.Workbook;
        var sheets = workbook.Sheets!.Elements<Xl.Sheet>().ToList();
        var names = new Xl.DefinedNames();
        for (var index = 0; index < sheets.Count; index++)
        {
            var worksheet = ((WorksheetPart)document.WorkbookPart.GetPartById(sheets[index].Id!)).Worksheet;
            var properties = worksheet.GetFirstChild<Xl.SheetProperties>() ?? worksheet.InsertAt(new Xl.SheetProperties(), 0);
            properties.RemoveAllChildren<Xl.PageSetupProperties>();
            properties.Append(new Xl.PageSetupProperties { FitToPage = true });
            worksheet.RemoveAllChildren<Xl.PageMargins>();
            worksheet.RemoveAllChildren<Xl.PageSetup>();
            OpenXmlElement[] setUp =
            [
                new Xl.PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 },
                new Xl.PageSetup { PaperSize = 9U, Orientation = Xl.OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U },
            ];
            // Page set-up comes after the data and before any drawing or extension, in the schema's order.
            var before = worksheet.ChildElements.FirstOrDefault(e => e is Xl.HeaderFooter or Xl.RowBreaks or Xl.ColumnBreaks or Xl.Drawing or Xl.LegacyDrawing or Xl.TableParts or Xl.WorksheetExtensionList);
            foreach (var element in setUp)
            {
                _ = before is null ? worksheet.AppendChild(element) : worksheet.InsertBefore(element, before);
            }

            if (headingRows[index] > 0)
            {
                names.Append(new Xl.DefinedName($"'{sheets[index].Name}'!${headingRows[index]}:${headingRows[index]}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)index });
            }
        }

        if (names.HasChildren)
        {
            workbook.RemoveAllChildren<Xl.DefinedNames>();
            workbook.InsertAfter(names, (OpenXmlElement?)workbook.GetFirstChild<Xl.ExternalReferences>() ?? workbook.Sheets);
        }

        workbook.Save();
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

    private sealed record Styles(StyleId Title, StyleId Bold, StyleId Wrap, StyleId Centre, StyleId BoldWrap);

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

    /// <returns>The row of the column headings.</returns>
    private static async Task<int> WriteSheetAsync(Spreadsheet spreadsheet, RoundReport report, AssessmentSheet sheet, Styles styles, CancellationToken ct)
    {
        const double StatementWidth = 70, OrganisationWidth = 18;
        var t = report.Text;
        var options = new WorksheetOptions { FrozenColumns = 2 };
        options.Column(1).Width = 11;
        options.Column(2).Width = StatementWidth;
        for (var column = 0; column < sheet.Columns.Count; column++)
        {
            options.Column(column + 3).Width = OrganisationWidth;
        }

        await spreadsheet.StartWorksheetAsync(SheetName(sheet, t.Language), options, ct);
        await spreadsheet.AddRowAsync([Text($"{report.Title} – {report.Of(sheet.Group.Name)}", styles.Title)], ct);
        var objective = report.Of(sheet.Group.FinalObjective);
        await spreadsheet.AddRowAsync([Text(t["Final objective"], styles.Bold), Text(objective, styles.Wrap)], Fit((objective, StatementWidth)), ct);
        await spreadsheet.AddRowAsync([Text(""), Text(t[ReportText.SheetKey], styles.Wrap)], Fit((t[ReportText.SheetKey], StatementWidth)), ct);
        var headingRow = 5;
        if (ReportText.CarriedOverNotice(report, sheet) is { } carried)
        {
            await spreadsheet.AddRowAsync([Text(""), Text(carried, styles.Wrap)], Fit((carried, StatementWidth)), ct);
            headingRow++;
        }

        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        var headings = sheet.Columns.Select(ColumnHeader).ToList();
        await spreadsheet.AddRowAsync(
            [Text(t["Code"], styles.Bold), Text(t["Statement"], styles.Bold), .. headings.Select(h => Text(h, styles.BoldWrap))],
            Fit([.. headings.Select(h => ((string?)h, OrganisationWidth))]), ct);

        foreach (var stage in sheet.Stages)
        {
            await spreadsheet.AddRowAsync([Text(t["Stage {0}", stage.Stage.Number], styles.Bold), Text($"{report.Of(stage.Stage.Name)} ({report.Of(stage.Stage.Level)})", styles.Bold)], ct);
            var narrative = report.Of(stage.GroupStage.Narrative);
            await spreadsheet.AddRowAsync([Text(""), Text(narrative, styles.Wrap)], Fit((narrative, StatementWidth)), ct);
            foreach (var row in stage.Rows)
            {
                var statement = report.Of(row.Indicator.Text);
                await spreadsheet.AddRowAsync(
                    [Text(row.Indicator.Code), Text(statement, styles.Wrap), .. row.Cells.Select(c => Text(CellText(c), styles.Centre))], Fit((statement, StatementWidth)), ct);
            }

            await spreadsheet.AddRowAsync(
                [Text(""), Text(t["{0} at stage {1}", t[SheetTotals.Heading], stage.Stage.Number], styles.Bold), .. stage.Totals.Select(tally => Text(report.Totals(tally), styles.Centre))], ct);
            await spreadsheet.AddRowAsync(
                [Text(""), Text(t["Share met at stage {0}", stage.Stage.Number], styles.Bold),
                    .. sheet.Columns.Select(c => Text(t.Percent(report.ScoreOf(c).Stages.First(s => s.Stage == stage.Stage.Number).Tally.ShareMet), styles.Centre))], ct);
        }

        var levels = sheet.Columns.Select(c => report.LevelText(report.ScoreOf(c))).ToList();
        await spreadsheet.AddRowAsync([Text(""), Text(t["Level"], styles.Bold), .. levels.Select(l => Text(l, styles.Wrap))], Fit([.. levels.Select(l => ((string?)l, OrganisationWidth))]), ct);
        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync([Text(t["Footnotes"], styles.Bold)], ct);
        foreach (var note in sheet.Footnotes)
        {
            // The note's text in a cell of its own: neutralised as typed, never hidden behind a prefix.
            var source = ReportText.FootnoteSource(note, t);
            await spreadsheet.AddRowAsync([Text($"[{note.Number}]"), Text(source, styles.Wrap), Text(note.Text, styles.Wrap)], Fit((source, StatementWidth), (note.Text, OrganisationWidth)), ct);
        }

        if (sheet.Footnotes.Count == 0)
        {
            await spreadsheet.AddRowAsync([Text(""), Text(t["No comments or notes on this sheet."])], ct);
        }

        return headingRow;
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
