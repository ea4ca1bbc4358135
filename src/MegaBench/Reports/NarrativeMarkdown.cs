using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MegaBench.Reports;

/// <summary>
/// The one way a person's Markdown (narrative sections, practices, peer-review feedback) is read and shown: one
/// Markdig pipeline and one parse, rendered to sanitised HTML for the pages and the PDF
/// (<see cref="ToSafeHtml"/>) and to Word for the DOCX (<see cref="DocxMarkdownWriter"/>, from
/// <see cref="Parse"/>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The pipeline reads CommonMark with pipe tables and bare links.</item>
/// <item>Images are not fetched by any output: the parse puts each image's description in its place.</item>
/// <item>HTML output is sanitised after rendering (raw HTML in Markdown passes through Markdig, so only the final
/// HTML can be checked): HtmlSanitizer removes scripts, event handlers and anything outside its allow-list, and links
/// keep only http, https and mailto addresses. The Word writer carries no raw HTML at all and applies the same
/// schemes to links.</item>
/// </list>
/// </remarks>
public static class NarrativeMarkdown
{
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();

    /// <summary>The addresses a link may keep, in every output.</summary>
    public static readonly IReadOnlySet<string> LinkSchemes = new HashSet<string>(StringComparer.Ordinal) { "http", "https", "mailto" };

    // HtmlSanitizer may be shared once configured.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The syntax tree every output renders, images replaced by their descriptions.</summary>
    public static MarkdownDocument Parse(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            var description = new ContainerInline();
            while (image.FirstChild is { } child)
            {
                child.Remove();
                description.AppendChild(child);
            }

            image.ReplaceBy(description);
        }

        return document;
    }

    /// <summary>Sanitised HTML; <paramref name="headingOffset"/> moves Markdown headings under the caller's own (at most h6).</summary>
    public static string ToSafeHtml(string? markdown, int headingOffset = 0)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Parse(markdown);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Clamp(heading.Level + headingOffset, 1, 6);
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString());
    }

    /// <summary>Whether a link may keep <paramref name="url"/> as its address.</summary>
    public static bool IsSafeLink(string? url, out Uri? uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri) && LinkSchemes.Contains(uri.Scheme);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in LinkSchemes)
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        // Nothing is fetched from elsewhere: an image written as raw HTML goes too.
        sanitizer.AllowedTags.Remove("img");
        return sanitizer;
    }
}
