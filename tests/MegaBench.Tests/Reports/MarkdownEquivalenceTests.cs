using System.Text;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MegaBench.Reports;
using MegaBench.Web.Narrative;

namespace MegaBench.Tests.Reports;

/// <summary>
/// One Markdown pipeline: a table, a list, links and a hostile snippet read the same on a page, in the PDF and in
/// the DOCX; nothing hostile survives in any of them.
/// </summary>
public sealed class MarkdownEquivalenceTests
{
    private const string Markdown = """
        | City | Plan |
        |------|------|
        | Lyon | *Mentoring* |

        - first item
        - second item

        Read [the guide](https://example.org/guide), not [this](javascript:alert(1)).

        <script>alert('x')</script><img src="https://tracker.example/pixel.png" onerror="alert(2)">

        ![a chart of the plan](https://tracker.example/chart.png)
        """;

    [Fact]
    public void The_page_and_the_pdf_show_the_same_html()
    {
        var pdf = new StringBuilder();
        RoundHtml.RenderMarkdown(pdf, Markdown);

        Assert.Equal(new SafeMarkdown().Render(Markdown).Value!.Trim(), pdf.ToString().Trim());
    }

    [Fact]
    public void The_html_keeps_the_table_the_list_and_the_safe_link_and_drops_the_rest()
    {
        var document = new HtmlParser().ParseDocument(new SafeMarkdown().Render(Markdown).Value!);

        Assert.Equal(["City", "Plan", "Lyon", "Mentoring"], document.QuerySelectorAll("table th, table td").Select(c => c.TextContent.Trim()));
        Assert.Equal(["first item", "second item"], document.QuerySelectorAll("ul li").Select(li => li.TextContent.Trim()));
        Assert.Equal(["https://example.org/guide"], document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")));
        Assert.Contains("a chart of the plan", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script, img, [onerror]"));
        Assert.DoesNotContain("javascript", document.Body.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tracker.example", document.Body.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_docx_has_the_same_table_list_and_link_and_nothing_hostile()
    {
        using var stream = new MemoryStream();
        using var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document);
        var main = word.AddMainDocumentPart();
        var body = new Body();
        main.Document = new Document(body);

        new DocxMarkdownWriter(main, body, headingLevel: 1).Write(Markdown);

        var table = Assert.Single(body.Descendants<Table>());
        Assert.Equal(["City", "Plan", "Lyon", "Mentoring"], table.Descendants<TableCell>().Select(c => c.InnerText));
        Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>());
        var listItems = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.NumberingProperties is not null).Select(p => p.InnerText);
        Assert.Equal(["first item", "second item"], listItems);
        Assert.Equal(["https://example.org/guide"], main.HyperlinkRelationships.Select(r => r.Uri.ToString()));
        Assert.Contains("a chart of the plan", body.InnerText, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", body.InnerText, StringComparison.Ordinal);
        Assert.DoesNotContain("tracker.example", body.InnerXml, StringComparison.Ordinal);
    }
}
