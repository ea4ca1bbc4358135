using System.Globalization;
using System.Text.Encodings.Web;
using MegaBench.Frameworks;
using MegaBench.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Localization;

/// <summary>
/// The interface texts of a view in the request's language (<c>@T["Save"]</c>). A text with no translation is
/// shown in English inside <c>&lt;span lang="en" class="untranslated"&gt;</c>: visibly English, read out as
/// English by screen readers, never an empty label.
/// </summary>
public sealed class Translator(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The request's interface language, as a two-letter code.</summary>
    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>The text in the interface language, as HTML (encoded, fallback marked).</summary>
    public LocalizedHtml this[string text] => Html(localizer[text]);

    /// <summary>The formatted text in the interface language, as HTML; the arguments are encoded like the text.</summary>
    public LocalizedHtml this[string text, params object[] arguments] => Html(localizer[text, arguments]);

    /// <summary>
    /// The same texts for what the library writes (exports, charts): read through this localizer, so that they
    /// come in every language the pages come in.
    /// </summary>
    public MegaBench.Localization.InterfaceText ForExports() =>
        MegaBench.Localization.InterfaceText.From(Language, key => localizer[key] is { ResourceNotFound: false } found ? found.Value : null);

    /// <summary>The text as a plain string: for attributes, page titles and anything encoded later.</summary>
    public string Plain(string text) => localizer[text].Value;

    /// <summary>The formatted text as a plain string.</summary>
    public string Plain(string text, params object[] arguments) => localizer[text, arguments].Value;

    /// <summary>
    /// A count with its noun in the right plural form for the interface language: <c>T.Count(n, "{0} city", "{0} cities")</c>
    /// gives "1 city" and "0 cities" in English, « 0 ville », « 1 ville », « 2 villes » in French (<see cref="Plurals"/>).
    /// Both forms are resource keys, translated each in its own entry.
    /// </summary>
    /// <param name="more">Further arguments, from <c>{1}</c> on.</param>
    public LocalizedHtml Count(int count, string one, string other, params object[] more) => this[Plurals.IsOne(count, Language) ? one : other, [count, .. more]];

    /// <inheritdoc cref="Count(int, string, string, object[])"/>
    public string CountPlain(int count, string one, string other, params object[] more) => Plain(Plurals.IsOne(count, Language) ? one : other, [count, .. more]);

    /// <summary>A text of the framework (statement, narrative, objective, theme) in the interface language.</summary>
    public LocalizedHtml Framework(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (value, isFallback) = text.Get(Language);
        return new LocalizedHtml(value, isFallback ? text.SourceLanguage : null);
    }

    /// <summary>
    /// The name of an organisation's kind from the framework, in the interface language; the stored code itself
    /// if the framework does not list it (which the checks on every path that sets a kind prevent).
    /// </summary>
    public LocalizedHtml OrganisationKind(MegaBench.Frameworks.Framework framework, string code)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return framework.FindOrganisationKind(code) is { } kind ? Framework(kind.Name) : new LocalizedHtml(code, null);
    }

    /// <summary>
    /// A text of the framework as a label before a colon: a statement's closing full stop is dropped, so that it
    /// reads "Statement text: adoption 50 %" and not "Statement text.: adoption 50 %".
    /// </summary>
    public LocalizedHtml FrameworkLabel(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (value, isFallback) = text.Get(Language);
        return new LocalizedHtml(value.TrimEnd().TrimEnd('.'), isFallback ? text.SourceLanguage : null);
    }

    /// <summary>A text of the framework as a plain string (fallback not marked).</summary>
    public string FrameworkPlain(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[Language];
    }

    private LocalizedHtml Html(LocalizedString text) =>
        new(text.Value, text.ResourceNotFound && Language != Languages.Source ? Languages.Source : null);
}

/// <summary>An encoded interface text; <see cref="FallbackLanguage"/> is set when it is shown untranslated.</summary>
public sealed class LocalizedHtml(string text, string? fallbackLanguage) : IHtmlContent
{
    public string Text { get; } = text;

    public string? FallbackLanguage { get; } = fallbackLanguage;

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        if (FallbackLanguage is null)
        {
            encoder.Encode(writer, Text);
            return;
        }

        writer.Write("<span lang=\"");
        encoder.Encode(writer, FallbackLanguage);
        writer.Write("\" class=\"untranslated\">");
        encoder.Encode(writer, Text);
        writer.Write("</span>");
    }

    public override string ToString() => Text;
}
