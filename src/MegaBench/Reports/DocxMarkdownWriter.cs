using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using static MegaBench.Reports.DocxParts;

namespace MegaBench.Reports;

/// <summary>
/// Markdown written into a Word body from Markdig's syntax tree (see the remarks of <see cref="RoundDocx"/>: raw HTML is never copied, and a link becomes a hyperlink only for http, https and mailto addresses): the city
/// report's narrative and the feedback report of a peer review (<see cref="Learning.FeedbackExport"/>) share it.
/// </summary>
/// <param name="headingLevel">The heading level the Markdown sits under: a Markdown "#" becomes the next one (at most Heading 3).</param>
internal sealed class DocxMarkdownWriter(MainDocumentPart main, Body body, int headingLevel)
{
    public void Write(string markdown)
    {
        var document = NarrativeMarkdown.Parse(markdown);
        foreach (var block in document)
        {
            WriteBlock(block, listLevel: -1, numbering: null, quote: false);
        }
    }

    private void WriteBlock(Block block, int listLevel, int? numbering, bool quote)
    {
        switch (block)
        {
            case HeadingBlock heading:
                // Markdown headings sit under the section's heading.
                body.Append(Paragraph($"Heading{Math.Clamp(heading.Level + headingLevel, 1, 3)}", [.. Inlines(heading.Inline)]));
                break;
            case ParagraphBlock paragraph:
                var p = Paragraph(quote ? "Quote" : null, [.. Inlines(paragraph.Inline)]);
                if (numbering is not null)
                {
                    p.ParagraphProperties ??= new ParagraphProperties();
                    p.ParagraphProperties.NumberingProperties = new NumberingProperties(
                        new NumberingLevelReference { Val = Math.Min(listLevel, 8) }, new NumberingId { Val = numbering.Value });
                }

                body.Append(p);
                break;
            case ListBlock list:
                var listNumbering = list.IsOrdered ? NewOrderedList() : BulletNumbering;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    int? itemNumbering = listNumbering;
                    foreach (var child in item)
                    {
                        WriteBlock(child, listLevel + 1, itemNumbering, quote);
                        itemNumbering = null;
                    }
                }

                break;
            case QuoteBlock quoteBlock:
                foreach (var child in quoteBlock)
                {
                    WriteBlock(child, listLevel, numbering, quote: true);
                }

                break;
            case FencedCodeBlock or CodeBlock:
                var code = (LeafBlock)block;
                body.Append(Paragraph("Code", code.Lines.ToString()));
                break;
            case ThematicBreakBlock:
                body.Append(Paragraph(null, "* * *"));
                break;
            case HtmlBlock:
                // Raw HTML is never carried into the report.
                break;
            case Markdig.Extensions.Tables.Table table:
                body.Append(MarkdownTable(table));
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    WriteBlock(child, listLevel, numbering, quote);
                }

                break;
            case LeafBlock leaf when leaf.Inline is not null:
                body.Append(Paragraph(null, [.. Inlines(leaf.Inline)]));
                break;
        }
    }

    /// <summary>A pipe table as a Word table with borders; its header row bold and repeated on each page.</summary>
    private Table MarkdownTable(Markdig.Extensions.Tables.Table source)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        foreach (var row in source.OfType<Markdig.Extensions.Tables.TableRow>())
        {
            var wordRow = new TableRow();
            if (row.IsHeader)
            {
                wordRow.Append(new TableRowProperties(new TableHeader()));
            }

            foreach (var cell in row.OfType<Markdig.Extensions.Tables.TableCell>())
            {
                var content = cell.OfType<LeafBlock>().SelectMany(leaf => Inlines(leaf.Inline, bold: row.IsHeader)).ToArray();
                wordRow.Append(new TableCell(Paragraph(null, content)));
            }

            table.Append(wordRow);
        }

        return table;
    }

    private IEnumerable<OpenXmlElement> Inlines(ContainerInline? container, bool bold = false, bool italic = false)
    {
        if (container is null)
        {
            yield break;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    yield return Run(literal.Content.ToString(), bold, italic);
                    break;
                case EmphasisInline emphasis:
                    foreach (var child in Inlines(emphasis, bold || emphasis.DelimiterCount >= 2, italic || emphasis.DelimiterCount == 1))
                    {
                        yield return child;
                    }

                    break;
                case CodeInline code:
                    yield return Run(code.Content, bold, italic, code: true);
                    break;
                case LineBreakInline lineBreak:
                    yield return lineBreak.IsHard ? new Run(new Break()) : Run(" ");
                    break;
                case AutolinkInline autolink:
                    foreach (var child in Link(autolink.Url, [Run(autolink.Url, bold, italic)]))
                    {
                        yield return child;
                    }

                    break;
                case LinkInline { IsImage: true } image:
                    // Images are not fetched: their description stands in for them.
                    foreach (var child in Inlines(image, bold, italic))
                    {
                        yield return child;
                    }

                    break;
                case LinkInline link:
                    foreach (var child in Link(link.Url, [.. Inlines(link, bold, italic)]))
                    {
                        yield return child;
                    }

                    break;
                case HtmlEntityInline entity:
                    yield return Run(entity.Transcoded.ToString(), bold, italic);
                    break;
                case HtmlInline:
                    // Raw HTML is never carried into the report.
                    break;
                case ContainerInline nested:
                    foreach (var child in Inlines(nested, bold, italic))
                    {
                        yield return child;
                    }

                    break;
            }
        }
    }

    /// <summary>A hyperlink for http, https and mailto addresses; any other address keeps its text only.</summary>
    public OpenXmlElement[] Link(string? url, OpenXmlElement[] content)
    {
        if (!NarrativeMarkdown.IsSafeLink(url, out var uri))
        {
            return content;
        }

        var relationship = main.AddHyperlinkRelationship(uri!, isExternal: true);
        var hyperlink = new Hyperlink { Id = relationship.Id };
        foreach (var run in content.OfType<Run>())
        {
            run.RunProperties ??= new RunProperties();
            run.RunProperties.PrependChild(new RunStyle { Val = "Hyperlink" });
            hyperlink.Append(run);
        }

        return [hyperlink];
    }

    /// <summary>A fresh numbering instance for an ordered list, so that each list starts at 1.</summary>
    private int NewOrderedList()
    {
        var numbering = main.NumberingDefinitionsPart!.Numbering!;
        var id = numbering.Elements<NumberingInstance>().Max(n => n.NumberID!.Value) + 1;
        numbering.Append(new NumberingInstance(
            new AbstractNumId { Val = 2 },
            new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 })
        { NumberID = id });
        return id;
    }
}
