using MegaBench.Reports;
using Microsoft.AspNetCore.Html;

namespace MegaBench.Web.Narrative;

/// <summary>A person's Markdown as HTML that is safe to show: <see cref="NarrativeMarkdown.ToSafeHtml"/>, the PDF's renderer too.</summary>
public sealed class SafeMarkdown
{
    public HtmlString Render(string? markdown) => new(NarrativeMarkdown.ToSafeHtml(markdown));
}
