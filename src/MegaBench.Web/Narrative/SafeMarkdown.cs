using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace MegaBench.Web.Narrative;

/// <summary>
/// Turns a coordinator's Markdown into HTML that is safe to show: Markdig renders it, then HtmlSanitizer
/// removes scripts, event handlers, <c>javascript:</c> links and anything else outside its allow-list.
/// </summary>
/// <remarks>
/// Sanitising the rendered HTML (not the Markdown) is the rule: Markdown lets raw HTML through, so only
/// the final HTML can be checked.
/// </remarks>
public sealed class SafeMarkdown
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public SafeMarkdown()
    {
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("mailto");
    }

    public HtmlString Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return HtmlString.Empty;
        }

        var html = Markdown.ToHtml(markdown, _pipeline);
        return new HtmlString(_sanitizer.Sanitize(html));
    }
}
