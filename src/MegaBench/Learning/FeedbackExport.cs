using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MegaBench.Localization;
using MegaBench.Reports;

namespace MegaBench.Learning;

/// <summary>What the feedback report's exports show.</summary>
/// <param name="Language">The language of the headings and dates (the report itself is as written): English, or any
/// language of the interface texts (<see cref="InterfaceText"/>); another falls back to English.</param>
public sealed record FeedbackDocument(
    string Language,
    string Host,
    string Reviewer,
    string CycleName,
    DateOnly? VisitStart,
    DateOnly? VisitEnd,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt,
    string Feedback,
    string HostResponse)
{
    private InterfaceText Text => InterfaceText.For(Language);

    public string Title => Text["Peer review feedback report: {0} reviewed by {1}", Host, Reviewer];

    public string ResponseHeading => Text["Response of {0}", Host];

    /// <summary>The lines under the title: cycle, visit dates, submission and publication.</summary>
    public IReadOnlyList<string> Facts
    {
        get
        {
            var t = Text;
            var facts = new List<string> { t["Cycle: {0}", CycleName] };
            if (VisitStart is { } start)
            {
                var end = VisitEnd ?? start;
                facts.Add(t["Visit: {0}", start == end ? t.Date(start) : $"{t.Date(start)} – {t.Date(end)}"]);
            }

            facts.Add(SubmittedAt is { } submitted
                ? t["Submitted on: {0}", t.Date(DateOnly.FromDateTime(submitted.UtcDateTime))]
                : t["Draft: not submitted by the reviewer yet."]);
            if (PublishedAt is { } published)
            {
                facts.Add(t["Published on: {0}", t.Date(DateOnly.FromDateTime(published.UtcDateTime))]);
            }

            return facts;
        }
    }

    public string NoResponse => Text["The host has not responded yet."];

    /// <summary>The language the headings and dates are actually written in.</summary>
    public string WrittenLanguage => Text.Language;
}

/// <summary>
/// The feedback report of a peer review as DOCX and as the HTML page printed to PDF, like the city report: the
/// Markdown goes through the city report's renderers (<see cref="DocxMarkdownWriter"/>,
/// <see cref="RoundHtml.RenderMarkdown"/>), so raw HTML is never carried and links keep only safe schemes.
/// </summary>
public static class FeedbackExport
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A download's name, e.g. "megabench-feedback-aville-by-bville.docx" for <paramref name="kind"/> "feedback".</summary>
    public static string FileName(string kind, string host, string reviewer, string extension) =>
        $"megabench-{kind}-{Slug(host)}-by-{Slug(reviewer)}.{extension}";

    private static string Slug(string name)
    {
        var slug = new string([.. (name ?? "").Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "city" : slug;
    }

    public static Task WriteDocxAsync(FeedbackDocument report, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();

        // The SDK needs a seekable stream; the response body is not one.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = DocxParts.BuildStyles();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = DocxParts.BuildNumbering();
            var body = new Body();
            main.Document = new Document(body);
            document.PackageProperties.Title = XmlText.Clean(report.Title);
            document.PackageProperties.Creator = "MegaBench";
            document.PackageProperties.Language = report.WrittenLanguage;

            body.Append(DocxParts.Paragraph("Title", XmlText.Clean(report.Title)));
            foreach (var fact in report.Facts)
            {
                body.Append(DocxParts.Paragraph(null, XmlText.Clean(fact)));
            }

            // The report's own "##" headings become Heading 1, as the report is the document.
            new DocxMarkdownWriter(main, body, headingLevel: -1).Write(XmlText.Clean(report.Feedback));
            body.Append(DocxParts.Paragraph("Heading1", XmlText.Clean(report.ResponseHeading)));
            if (string.IsNullOrWhiteSpace(report.HostResponse))
            {
                body.Append(DocxParts.Paragraph(null, report.NoResponse));
            }
            else
            {
                new DocxMarkdownWriter(main, body, headingLevel: 1).Write(XmlText.Clean(report.HostResponse));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838, Orient = PageOrientationValues.Portrait },
                new PageMargin { Top = 1200, Bottom = 1200, Left = 1200, Right = 1200, Header = 600, Footer = 600, Gutter = 0 }));
        }

        buffer.Position = 0;
        return buffer.CopyToAsync(output, cancellationToken);
    }

    private const string Css = """
        @page { size: A4 portrait; margin: 18mm; }
        body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #000; line-height: 1.35; }
        h1 { font-size: 18pt; } h2 { font-size: 14pt; break-after: avoid; }
        h4 { font-size: 13pt; break-after: avoid; } h5, h6 { font-size: 11pt; break-after: avoid; }
        blockquote { margin: 0.5em 0 0.5em 1em; padding-left: 0.6em; border-left: 3px solid #999; }
        .subtle { color: #333; }
        """;

    /// <summary>The report as one standalone HTML page for printing to PDF: no script, no external resource, every text encoded.</summary>
    public static string Html(FeedbackDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        void Element(string tag, string text, string? cssClass = null) =>
            html.Append('<').Append(tag).Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append('>')
                .Append(WebUtility.HtmlEncode(text)).Append("</").Append(tag).Append(">\n");

        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(report.WrittenLanguage).Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        Element("title", report.Title);
        html.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        Element("h1", report.Title);
        foreach (var fact in report.Facts)
        {
            Element("p", fact, "subtle");
        }

        html.Append("<section class=\"report\">\n");
        RoundHtml.RenderMarkdown(html, report.Feedback);
        html.Append("</section>\n<section class=\"response\">\n");
        Element("h2", report.ResponseHeading);
        if (string.IsNullOrWhiteSpace(report.HostResponse))
        {
            Element("p", report.NoResponse);
        }
        else
        {
            RoundHtml.RenderMarkdown(html, report.HostResponse);
        }

        html.Append("</section>\n</body>\n</html>\n");
        return html.ToString();
    }
}
