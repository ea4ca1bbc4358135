using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MegaBench.Reports;

/// <summary>
/// The building blocks every Word document of MegaBench shares (the city report, a peer review's feedback report):
/// paragraphs and runs on named styles, the styles themselves (Title, Heading 1–3, List Bullet…) and list numbering.
/// </summary>
internal static class DocxParts
{
    internal const int BulletNumbering = 1;

    internal static Paragraph Paragraph(string? style, string text) => Paragraph(style, Run(text));

    internal static Paragraph Paragraph(string? style, params OpenXmlElement[] content)
    {
        var paragraph = new Paragraph(new ParagraphProperties());
        if (style is not null)
        {
            paragraph.ParagraphProperties!.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }

        paragraph.Append(content);
        return paragraph;
    }

    /// <summary>A run of text; line breaks in the text become Word line breaks.</summary>
    internal static Run Run(string text, bool bold = false, bool italic = false, bool code = false)
    {
        var run = new Run();
        if (bold || italic || code)
        {
            var properties = new RunProperties();
            if (bold)
            {
                properties.Append(new Bold());
            }

            if (italic)
            {
                properties.Append(new Italic());
            }

            if (code)
            {
                properties.Append(new RunFonts { Ascii = "Courier New", HighAnsi = "Courier New" });
            }

            run.Append(properties);
        }

        var lines = XmlText.Clean(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    internal static Styles BuildStyles()
    {
        static Style ParagraphStyle(string id, string name, int sizeHalfPoints, bool bold, string? basedOn = "Normal", int spaceBefore = 0, int spaceAfter = 120)
        {
            var style = new Style(
                new StyleName { Val = name },
                new PrimaryStyle(),
                new StyleParagraphProperties(new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = spaceAfter.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                new StyleRunProperties(bold ? new Bold() : new Bold { Val = false }, new FontSize { Val = sizeHalfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            { Type = StyleValues.Paragraph, StyleId = id };
            if (basedOn is not null)
            {
                style.InsertAfter(new BasedOn { Val = basedOn }, style.StyleName);
            }

            return style;
        }

        var normal = ParagraphStyle("Normal", "Normal", 20, false, basedOn: null);
        normal.Default = true;
        normal.StyleRunProperties!.Append(new RunFonts { Ascii = "Liberation Sans", HighAnsi = "Liberation Sans", ComplexScript = "Liberation Sans" });
        var heading1 = ParagraphStyle("Heading1", "heading 1", 32, true, spaceBefore: 360);
        heading1.StyleParagraphProperties!.Append(new KeepNext(), new OutlineLevel { Val = 0 });
        var heading2 = ParagraphStyle("Heading2", "heading 2", 26, true, spaceBefore: 240);
        heading2.StyleParagraphProperties!.Append(new KeepNext(), new OutlineLevel { Val = 1 });
        var heading3 = ParagraphStyle("Heading3", "heading 3", 22, true, spaceBefore: 200);
        heading3.StyleParagraphProperties!.Append(new KeepNext(), new OutlineLevel { Val = 2 });
        var hyperlink = new Style(new StyleName { Val = "Hyperlink" }, new StyleRunProperties(new Color { Val = "0B5394" }, new Underline { Val = UnderlineValues.Single }))
        { Type = StyleValues.Character, StyleId = "Hyperlink" };
        var table = new Style(new StyleName { Val = "Report Table" }, new StyleTableProperties(new TableCellMarginDefault(
            new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
            new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "ReportTable" };
        return new Styles(
            normal,
            ParagraphStyle("Title", "Title", 40, true, spaceAfter: 240),
            heading1,
            heading2,
            heading3,
            ParagraphStyle("TableText", "Table Text", 18, false, spaceAfter: 0),
            ParagraphStyle("Footnote", "Sheet Footnote", 18, false, spaceAfter: 40),
            ParagraphStyle("Quote", "Quote", 20, false),
            ParagraphStyle("Code", "Code", 18, false),
            ParagraphStyle("Caption", "caption", 18, false),
            hyperlink,
            table);
    }

    internal static Numbering BuildNumbering()
    {
        static AbstractNum Abstract(int id, bool ordered)
        {
            var abstractNum = new AbstractNum { AbstractNumberId = id };
            abstractNum.Append(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel });
            for (var level = 0; level < 9; level++)
            {
                abstractNum.Append(new Level(
                    new StartNumberingValue { Val = 1 },
                    new NumberingFormat { Val = ordered ? NumberFormatValues.Decimal : NumberFormatValues.Bullet },
                    new LevelText { Val = ordered ? $"%{level + 1}." : level % 2 == 0 ? "•" : "◦" },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { Left = (720 * (level + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = "360" }))
                { LevelIndex = level });
            }

            return abstractNum;
        }

        return new Numbering(
            Abstract(1, ordered: false),
            Abstract(2, ordered: true),
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 },
            new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = 2 });
    }
}
