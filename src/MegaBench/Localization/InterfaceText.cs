using System.Globalization;
using System.Resources;
using MegaBench.Frameworks;

namespace MegaBench.Localization;

/// <summary>
/// The interface texts in one language, for what the library writes itself: the city report's exports (PDF, DOCX,
/// XLSX, CSV headers, the theme chart), the feedback report and the command line's output.
/// </summary>
/// <remarks>
/// <para>The texts are the web app's: keys are the English source texts and each other language is the file
/// <c>src/MegaBench.Web/Resources/SharedResource.{language}.resx</c>, which this library embeds as well (see
/// MegaBench.csproj), so that a page, an export and the CLI say a thing the same way and a third language is a
/// matter of adding that one file. English is the keys themselves; a key a language lacks is written in English.</para>
/// <para>Numbers are written the same in every language (as on the pages); dates take the language's month names.</para>
/// </remarks>
public sealed class InterfaceText
{
    /// <summary>The language the texts are written in (the resource keys).</summary>
    public const string SourceLanguage = "en";

    private static readonly ResourceManager Resources = new("MegaBench.Localization.SharedResource", typeof(InterfaceText).Assembly);

    private readonly Func<string, string?> _translate;

    private InterfaceText(string language, Func<string, string?> translate)
    {
        Language = language;
        _translate = translate;
    }

    /// <summary>The texts as written, in English.</summary>
    public static InterfaceText English { get; } = new(SourceLanguage, _ => null);

    /// <summary>The two-letter code of the language the texts come in.</summary>
    public string Language { get; }

    /// <summary>The texts in <paramref name="language"/>; English for English and for a language without a resource file.</summary>
    public static InterfaceText For(string? language) =>
        language is null || language == SourceLanguage || Translations(language) is not { } set ? English : new InterfaceText(language, set.GetString);

    /// <summary>
    /// The texts in <paramref name="language"/> as the web app's own localizer gives them (<paramref name="translate"/>
    /// answers null for a key it lacks): an export then speaks every language the pages speak, the satellite
    /// assemblies of the app included, not only those embedded in this library.
    /// </summary>
    public static InterfaceText From(string language, Func<string, string?> translate) =>
        language == SourceLanguage ? English : new InterfaceText(language, translate);

    /// <summary>True for English and for every language with a resource file.</summary>
    public static bool Supports(string? language) => language == SourceLanguage || (language is not null && Translations(language) is not null);

    /// <summary>English, then every language whose resource file was built beside this library.</summary>
    public static IReadOnlyList<string> Available()
    {
        var folder = Path.GetDirectoryName(typeof(InterfaceText).Assembly.Location) is { Length: > 0 } location ? location : AppContext.BaseDirectory;
        var satellite = typeof(InterfaceText).Assembly.GetName().Name + ".resources.dll";
        return [SourceLanguage, .. Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName).OfType<string>()
            .Where(code => File.Exists(Path.Combine(folder, code, satellite)) && Supports(code))
            .Order(StringComparer.Ordinal)];
    }

    private static ResourceSet? Translations(string language)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(language, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }

        try
        {
            return Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }

    /// <summary>The text in this language; the English key when it has no translation.</summary>
    public string this[string text]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(text);
            return _translate(text) is { Length: > 0 } translated ? translated : text;
        }
    }

    /// <summary>The formatted text in this language; numbers in the arguments are written the same in every language.</summary>
    public string this[string text, params object?[] arguments] => string.Format(CultureInfo.InvariantCulture, this[text], arguments);

    /// <summary>
    /// A count with its noun in this language's plural form: <c>Count(n, "{0} city", "{0} cities")</c> gives
    /// « 0 ville » and « 1 ville » in French (<see cref="Plurals"/>). Both forms are keys, each translated.
    /// </summary>
    /// <param name="more">Further arguments, from <c>{1}</c> on.</param>
    public string Count(int count, string one, string other, params object?[] more) =>
        this[Plurals.IsOne(count, Language) ? one : other, [count, .. more]];

    /// <summary>A text of the framework (statement, name, narrative) in this language, or in its source language.</summary>
    public string Of(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[Language];
    }

    /// <summary>"4 December 2026", « 4 décembre 2026 ».</summary>
    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(Language == SourceLanguage ? "en-GB" : Language));

    /// <summary>A share as a whole percentage ("67%", « 67 % »), or "–" when nothing was answered yes or no.</summary>
    public string Percent(double? share) => share is { } s ? this["{0}%", Reports.ReportText.Points(s * 100)] : "–";
}

/// <summary>
/// Which plural form a count takes, by the CLDR rules of the interface languages (cardinal, integers): English
/// uses "one" for 1 only, French for 0 and 1. A language without a rule here takes the English one; a third
/// language with another rule adds its line.
/// </summary>
public static class Plurals
{
    public static bool IsOne(int count, string language) => language switch
    {
        "fr" => count is 0 or 1,
        _ => count == 1,
    };
}
