using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MegaBench.Rounds;
using static MegaBench.Reports.DocxParts;
using A = DocumentFormat.OpenXml.Drawing;
using Dw = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;

namespace MegaBench.Reports;

/// <summary>
/// The city report as a Word document (DOCX) that a coordinator can keep editing in Word or LibreOffice:
/// title, narrative, the assessment sheets as real tables with their footnotes, and the scores.
/// </summary>
/// <remarks>
/// <para>Built with the Open XML SDK on named styles (Title, Heading 1–3, List Bullet…) defined in the
/// document itself, so that a coordinator restyles the whole report at once. Pages are A4 landscape, as the
/// sheets need the width.</para>
/// <para>Narrative Markdown is rendered from Markdig's syntax tree: headings, paragraphs, bullet and numbered
/// lists, quotes, emphasis, code and links. Raw HTML is never copied: an HTML block or tag is left out, and a
/// link becomes a hyperlink only for http, https and mailto addresses.</para>
/// <para>Sheet tables repeat their header row on every page, and no row breaks across pages.</para>
/// </remarks>
public static class RoundDocx
{

    public static Task WriteAsync(RoundReport report, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();

        // The SDK needs a seekable stream; the response body is not one.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = BuildStyles();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = BuildNumbering();
            var body = new Body();
            main.Document = new Document(body);
            document.PackageProperties.Title = XmlText.Clean(report.DocumentTitle);
            document.PackageProperties.Creator = "MegaBench";
            document.PackageProperties.Language = report.Text.Language;

            new Writer(main, body, report).WriteReport();
        }

        buffer.Position = 0;
        return buffer.CopyToAsync(output, cancellationToken);
    }

    private sealed class Writer(MainDocumentPart main, Body body, RoundReport report)
    {
        // Narrative Markdown sits under its section's Heading 2.
        private readonly DocxMarkdownWriter _markdown = new(main, body, headingLevel: 2);

        /// <summary>The report's words in its language, named as the pages' translator is.</summary>
        private Localization.InterfaceText T => report.Text;

        public void WriteReport()
        {
            body.Append(Paragraph("Title", report.DocumentTitle));
            body.Append(Paragraph(null, ReportText.Subtitle(report)));

            var narrative = report.Narrative.Where(n => !string.IsNullOrWhiteSpace(n.Markdown) && !ReportText.IsConclusion(n.Kind)).ToList();
            if (narrative.Count > 0)
            {
                body.Append(Paragraph("Heading1", T["Narrative"]));
                foreach (var section in narrative)
                {
                    body.Append(Paragraph("Heading2", ReportText.Narrative(section.Kind, report.CityName, T)));
                    WriteMarkdown(section.Markdown);
                }
            }

            WriteConclusions();

            body.Append(Paragraph("Heading1", T["Assessment sheets"]));
            foreach (var sheet in report.Sheets)
            {
                WriteSheet(sheet);
            }

            WriteScores();
            body.Append(new SectionProperties(
                new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 1000, Bottom = 1000, Left = 1000, Right = 1000, Header = 500, Footer = 500, Gutter = 0 }));
        }

        private void WriteSheet(AssessmentSheet sheet)
        {
            body.Append(Paragraph("Heading2", $"{report.Of(sheet.Group.Name)} ({sheet.Group.Code})"));
            body.Append(Paragraph(null, Run(T["Final objective:"] + " ", bold: true), Run(report.Of(sheet.Group.FinalObjective))));
            body.Append(Paragraph(null, T[ReportText.SheetKey]));
            if (ReportText.CarriedOverNotice(report, sheet) is { } carried)
            {
                body.Append(Paragraph(null, Run(carried, italic: true)));
            }

            var columns = sheet.Columns.Count + 2;
            var table = NewTable();
            SetColumnWidths(table, sheet.Columns.Count);
            table.Append(Row(header: true, [Cell(T["Code"], bold: true), Cell(T["Statement"], bold: true), .. sheet.Columns.Select(c => Cell(RoundXlsx.ColumnHeader(c), bold: true, centred: true))]));
            foreach (var stage in sheet.Stages)
            {
                table.Append(Row(false, [Cell(null, span: columns, shaded: true, content:
                [
                    Paragraph(null, Run(ReportText.StageHeading(report, stage.Stage), bold: true)),
                    Paragraph(null, report.Of(stage.GroupStage.Narrative)),
                ])]));
                foreach (var row in stage.Rows)
                {
                    table.Append(Row(false, [Cell(row.Indicator.Code), Cell(report.Of(row.Indicator.Text)), .. row.Cells.Select(c => Cell(RoundXlsx.CellText(c), centred: true))]));
                }

                table.Append(Row(false, [Cell(""), Cell(T["{0} at stage {1}", T[SheetTotals.Heading], stage.Stage.Number], bold: true),
                    .. stage.Totals.Select(tally => Cell(report.Totals(tally), centred: true))]));
                table.Append(Row(false, [Cell(""), Cell(T["Share met at stage {0}", stage.Stage.Number], bold: true),
                    .. sheet.Columns.Select(c => Cell(T.Percent(report.ScoreOf(c).Stages.First(s => s.Stage == stage.Stage.Number).Tally.ShareMet), centred: true))]));
            }

            table.Append(Row(false, [Cell(""), Cell(T["Level"], bold: true), .. sheet.Columns.Select(c => Cell(report.LevelText(report.ScoreOf(c)), centred: true))]));
            body.Append(table);

            body.Append(Paragraph("Heading3", T["Footnotes"]));
            if (sheet.Footnotes.Count == 0)
            {
                body.Append(Paragraph(null, T["No comments or notes on this sheet."]));
            }

            foreach (var note in sheet.Footnotes)
            {
                // Numbered by hand, not by Word's list numbering: the numbers must stay those of the markers in the table.
                var paragraph = Paragraph("Footnote", Run($"[{note.Number}] ", bold: true), Run(ReportText.Footnote(note, T)));
                body.Append(paragraph);
            }
        }

        /// <summary>
        /// "Conclusions for matching &amp; mutual learning": each of the two sections as the coordinator wrote it,
        /// else as drafted from the strengths and gaps (marked as a draft); then the practices of other cities on
        /// the city's gaps.
        /// </summary>
        private void WriteConclusions()
        {
            var sections = ReportText.Conclusions(report);
            if (sections.Count == 0 && report.Practices.Count == 0)
            {
                return;
            }

            body.Append(Paragraph("Heading1", T[ReportText.ConclusionsHeading]));
            foreach (var section in sections)
            {
                body.Append(Paragraph("Heading2", ReportText.Narrative(section.Kind, report.CityName, T)));
                if (section.Drafted)
                {
                    body.Append(Paragraph(null, Run(T[ReportText.DraftNote], italic: true)));
                }

                WriteMarkdown(section.Markdown);
            }

            if (report.Practices.Count > 0)
            {
                body.Append(Paragraph("Heading2", T[ReportText.PracticesHeading]));
                foreach (var practice in report.Practices)
                {
                    body.Append(Paragraph(null, [Run("• "), .. _markdown.Link(practice.Link, [Run(ReportText.Practice(practice))])]));
                }
            }
        }

        /// <summary>The theme chart as an inline picture, its alt text in the drawing's description (read by screen readers in Word).</summary>
        private void WriteChart()
        {
            var rows = report.ChartRows;
            var png = report.ChartPng();
            var image = main.AddImagePart(ImagePartType.Png);
            using (var stream = new MemoryStream(png, writable: false))
            {
                image.FeedData(stream);
            }

            var relationship = main.GetIdOfPart(image);
            // 96 pixels an inch, 914,400 EMU an inch; drawn at 80 % so that it fits an A4 landscape page.
            const long EmuPerPixel = 9525 * 8 / 10;
            var (width, height) = (ThemeChart.Width * EmuPerPixel, ThemeChart.Height(rows) * EmuPerPixel);
            var description = XmlText.Clean(report.ChartAltText);
            var drawing = new Drawing(new Dw.Inline(
                new Dw.Extent { Cx = width, Cy = height },
                new Dw.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
                new Dw.DocProperties { Id = 1U, Name = XmlText.Clean(T["Theme scores (0–100)"]), Description = description },
                new Dw.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
                new A.Graphic(new A.GraphicData(
                    new Pic.Picture(
                        new Pic.NonVisualPictureProperties(
                            new Pic.NonVisualDrawingProperties { Id = 0U, Name = "theme-chart.png", Description = description },
                            new Pic.NonVisualPictureDrawingProperties()),
                        new Pic.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
                        new Pic.ShapeProperties(
                            new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = width, Cy = height }),
                            new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
                { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
            {
                DistanceFromTop = 0U,
                DistanceFromBottom = 0U,
                DistanceFromLeft = 0U,
                DistanceFromRight = 0U,
            });
            body.Append(Paragraph(null, new Run(drawing)));
            body.Append(Paragraph("Caption", report.ChartAltText));
        }

        private void WriteScores()
        {
            body.Append(Paragraph("Heading1", T["Scores"]));
            body.Append(Paragraph(null, ReportText.ScoringRule(report)));

            body.Append(Paragraph("Heading2", T["Stakeholder groups"]));
            body.Append(TextTable(ReportText.GroupHeadings(T), ReportText.GroupRows(report)));

            body.Append(Paragraph("Heading2", T["Themes"]));
            WriteChart();
            body.Append(TextTable(ReportText.ThemeHeadings(T), ReportText.ThemeRows(report)));

            body.Append(Paragraph("Heading2", T["Organisations"]));
            body.Append(TextTable(ReportText.OrganisationHeadings(report), ReportText.OrganisationRows(report)));
        }

        /// <summary>A table of texts under a header row that repeats on every page.</summary>
        private static Table TextTable(IReadOnlyList<string> headings, IEnumerable<string[]> rows)
        {
            var table = NewTable();
            table.Append(Row(true, [.. headings.Select(h => Cell(h, bold: true))]));
            foreach (var row in rows)
            {
                table.Append(Row(false, [.. row.Select(cell => Cell(cell))]));
            }

            return table;
        }

        private void WriteMarkdown(string markdown) => _markdown.Write(markdown);
    }

    /// <summary>Usable width of an A4 landscape page with its 1000-twip margins, in twentieths of a point.</summary>
    private const int PageWidthTwips = 16838 - 2000;

    /// <summary>
    /// Fixed widths for a sheet table: a narrow code column, the statement as wide as the organisations leave,
    /// and the organisations sharing the rest; without them Word and LibreOffice squeeze the statements.
    /// </summary>
    private static void SetColumnWidths(Table table, int organisations)
    {
        const int code = 1100;
        var statement = Math.Max(4000, PageWidthTwips - code - (organisations * 1400));
        var organisation = organisations == 0 ? 0 : (PageWidthTwips - code - statement) / organisations;
        var grid = new TableGrid(new GridColumn { Width = $"{code}" }, new GridColumn { Width = $"{statement}" });
        for (var i = 0; i < organisations; i++)
        {
            grid.Append(new GridColumn { Width = $"{organisation}" });
        }

        table.GetFirstChild<TableProperties>()!.GetFirstChild<TableLayout>()!.Type = TableLayoutValues.Fixed;
        table.GetFirstChild<TableProperties>()!.InsertAfterSelf(grid);
    }

    private static Table NewTable() => new(new TableProperties(
        new TableStyle { Val = "ReportTable" },
        new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
        new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
        new TableLayout { Type = TableLayoutValues.Autofit }));

    /// <summary>A table row that never breaks across pages; the header row repeats on every page.</summary>
    private static TableRow Row(bool header, TableCell[] cells)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (header)
        {
            properties.Append(new TableHeader());
        }

        var row = new TableRow(properties);
        row.Append(cells);
        return row;
    }

    private static TableCell Cell(string? text, bool bold = false, bool centred = false, int span = 1, bool shaded = false, Paragraph[]? content = null)
    {
        var properties = new TableCellProperties();
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }

        if (shaded)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E8EEF4" });
        }

        var cell = new TableCell(properties);
        if (content is not null)
        {
            cell.Append(content);
        }
        else
        {
            var paragraph = Paragraph("TableText", Run(text ?? "", bold));
            if (centred)
            {
                paragraph.ParagraphProperties!.Justification = new Justification { Val = JustificationValues.Center };
            }

            cell.Append(paragraph);
        }

        return cell;
    }

}
