using System.Globalization;
using System.Text.RegularExpressions;
using MegaBench.Web.Localization;
using Microsoft.AspNetCore.Html;

namespace MegaBench.Web.Display;

/// <summary>
/// A translated sentence with markup in it: a link, a <c>&lt;code&gt;</c>, a <c>&lt;strong&gt;</c>.
/// <c>T["…{0}…", args]</c> encodes its arguments; here an <see cref="IHtmlContent"/> argument goes in as HTML
/// (the caller builds it from encoded parts), any other is encoded, and so is the sentence itself.
/// </summary>
public static partial class Markup
{
    /// <summary>The sentence in the request's language with <paramref name="arguments"/> in its placeholders.</summary>
    public static IHtmlContent WithMarkup(this Translator translator, string text, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(translator);
        ArgumentNullException.ThrowIfNull(arguments);
        var template = translator[text];
        var builder = new HtmlContentBuilder();
        if (template.FallbackLanguage is { } fallback)
        {
            builder.AppendHtml("<span lang=\"").Append(fallback).AppendHtml("\" class=\"untranslated\">");
        }

        var position = 0;
        foreach (Match placeholder in Placeholder().Matches(template.Text))
        {
            builder.Append(template.Text[position..placeholder.Index]);
            var argument = arguments[int.Parse(placeholder.Groups[1].Value, CultureInfo.InvariantCulture)];
            _ = argument is IHtmlContent html ? builder.AppendHtml(html) : builder.Append(Convert.ToString(argument, CultureInfo.InvariantCulture));
            position = placeholder.Index + placeholder.Length;
        }

        builder.Append(template.Text[position..]);
        if (template.FallbackLanguage is not null)
        {
            builder.AppendHtml("</span>");
        }

        return builder;
    }

    /// <summary>An element with encoded text, e.g. <c>Element("code", "megabench demo")</c>.</summary>
    public static IHtmlContent Element(string name, string text) =>
        new HtmlContentBuilder().AppendHtml($"<{name}>").Append(text).AppendHtml($"</{name}>");

    /// <summary>A link with encoded address and text.</summary>
    public static IHtmlContent Link(string href, string text) =>
        new HtmlContentBuilder().AppendHtml("<a href=\"").Append(href).AppendHtml("\">").Append(text).AppendHtml("</a>");

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
