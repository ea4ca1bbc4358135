using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Learning;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class FeedbackExportTests
{
    private static FeedbackDocument Report(string language) => new(
        language, "Aville", "Bville", "2024–2025 peer reviews", new DateOnly(2025, 5, 12), new DateOnly(2025, 5, 13),
        new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.Zero), null,
        "## Strengths\n\nA **strong** network.\n\n<script>alert(1)</script>\n\n## Recommendations\n\n- Open a [finance desk](https://example.org/desk).\n- [Bad](javascript:alert(1))\n",
        "We agree & will act.");

    private static (string Title, IReadOnlyList<(string? Style, string Text)> Paragraphs) ReadDocx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        return (document.PackageProperties.Title ?? "",
            [.. body.Elements<Paragraph>().Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText))]);
    }

    [Fact]
    public async Task Docx_in_French_has_the_French_title_the_facts_the_report_and_the_response()
    {
        using var output = new MemoryStream();
        await FeedbackExport.WriteDocxAsync(Report("fr"), output, TestContext.Current.CancellationToken);

        var (title, paragraphs) = ReadDocx(output.ToArray());
        Assert.Equal("Rapport de retour de la revue par les pairs\u00a0: Aville évaluée par Bville", title);
        Assert.Equal(("Title", title), paragraphs[0]);
        Assert.Contains(paragraphs, p => p.Text == "Parcours\u00a0: 2024–2025 peer reviews");
        Assert.Contains(paragraphs, p => p.Text == "Visite\u00a0: 12 mai 2025 – 13 mai 2025");
        Assert.Contains(paragraphs, p => p.Text == "Remis le\u00a0: 2 juin 2025");
        Assert.Contains(paragraphs, p => p is ("Heading1", "Strengths"));
        Assert.Contains(paragraphs, p => p.Text == "A strong network.");
        Assert.Contains(paragraphs, p => p is ("Heading1", "Réponse de Aville"));
        Assert.Contains(paragraphs, p => p.Text == "We agree & will act.");
        Assert.DoesNotContain(paragraphs, p => p.Text.Contains("script", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Docx_in_English_has_the_English_title()
    {
        using var output = new MemoryStream();
        await FeedbackExport.WriteDocxAsync(Report("en") with { SubmittedAt = null }, output, TestContext.Current.CancellationToken);

        var (title, paragraphs) = ReadDocx(output.ToArray());
        Assert.Equal("Peer review feedback report: Aville reviewed by Bville", title);
        Assert.Contains(paragraphs, p => p.Text == "Draft: not submitted by the reviewer yet.");
    }

    [Fact]
    public void Html_for_the_pdf_is_standalone_encoded_and_keeps_only_safe_links()
    {
        var html = FeedbackExport.Html(Report("en") with { Host = "A<b>ville" });

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Peer review feedback report: A&lt;b&gt;ville reviewed by Bville</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>strong</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/desk\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("We agree &amp; will act.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aville", "Bville", "docx", "megabench-feedback-aville-by-bville.docx")]
    [InlineData("Saint-Étienne", "Köln am Rhein", "pdf", "megabench-feedback-saint-etienne-by-koln-am-rhein.pdf")]
    public void FileName_is_ascii_and_names_both_cities(string host, string reviewer, string extension, string expected) =>
        Assert.Equal(expected, FeedbackExport.FileName("feedback", host, reviewer, extension));
}
