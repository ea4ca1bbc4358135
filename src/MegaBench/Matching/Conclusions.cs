using System.Globalization;
using System.Resources;
using System.Text;
using MegaBench.Frameworks;

namespace MegaBench.Matching;

/// <summary>
/// The draft "Conclusions for matching &amp; mutual learning" of a city report, in one language.
/// <see cref="MayShare"/> and <see cref="MayLookAt"/> are null when the city has no strength, or no gap.
/// </summary>
/// <param name="Language">The language of the sentences actually produced.</param>
/// <param name="IsFallback">True when the requested language has no wording and English was used instead.</param>
public sealed record DraftConclusions(
    string Language,
    bool IsFallback,
    string? MayShare,
    string? MayLookAt,
    IReadOnlyList<string> MayShareItems,
    IReadOnlyList<string> MayLookAtItems,
    string MayShareHeading,
    string MayLookAtHeading)
{
    /// <summary>The seed's layout: a heading line, then one bullet per theme; empty lists are left out.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        void Section(string heading, IReadOnlyList<string> items)
        {
            if (items.Count == 0)
            {
                return;
            }

            text.Append(heading).Append("\n\n");
            foreach (var item in items)
            {
                text.Append("- ").Append(item).Append('\n');
            }

            text.Append('\n');
        }

        Section(MayShareHeading, MayShareItems);
        Section(MayLookAtHeading, MayLookAtItems);
        return text.ToString().TrimEnd('\n') + (text.Length > 0 ? "\n" : string.Empty);
    }
}

/// <summary>
/// Drafts the conclusions from a city's theme strengths ("may share") and theme gaps ("may look at"), largest
/// lead or gap first. Indicator findings are left to the evidence: they are too fine-grained for a report's
/// conclusions. The coordinator edits the draft; the edited text is what the report shows.
/// </summary>
/// <remarks>
/// The wording is data: the templates of <c>ConclusionTexts.resx</c> (English) and <c>ConclusionTexts.LANG.resx</c>
/// beside it (French, …), built into satellite assemblies. A language is available when its satellite holds the
/// templates; any other language falls back to English, with <see cref="DraftConclusions.IsFallback"/> set.
/// A theme's name after the preposition takes <c>ThemeAfterPrepositionBeforeVowel</c> when it starts with a vowel
/// (French "d’accès"), <c>ThemeAfterPreposition</c> otherwise ("de visibilité"); a language without elision gives
/// both the same text.
/// </remarks>
public static class Conclusions
{
    private static readonly ResourceManager Texts = new("MegaBench.Matching.ConclusionTexts", typeof(Conclusions).Assembly);

    private static readonly string[] Keys =
    [
        "MayShareSentence", "MayLookAtSentence", "MayShareHeading", "MayLookAtHeading", "MayShareItem", "MayLookAtItem",
        "ListSeparator", "ListLastSeparator", "ThemeAfterPreposition", "ThemeAfterPrepositionBeforeVowel",
    ];

    /// <summary>True when the conclusions can be drafted in <paramref name="language"/> (English, or a language whose templates are installed).</summary>
    public static bool Supports(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (language == "en")
        {
            return true;
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }

        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set is not null && Keys.All(k => set.GetString(k) is not null);
    }

    public static DraftConclusions Draft(Framework framework, StrengthsAndGaps city, string language)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(language);
        var fallback = !Supports(language);
        var lang = fallback ? "en" : language;
        var culture = lang == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(lang);
        string T(string key) => Texts.GetString(key, culture) ?? throw new InvalidOperationException($"The conclusion template {key} is missing.");
        string F(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, T(key), args);
        string Preposition(string noun) => F(StartsWithVowel(noun) ? "ThemeAfterPrepositionBeforeVowel" : "ThemeAfterPreposition", noun);
        string Join(List<string> items) =>
            items.Count == 1 ? items[0] : string.Join(T("ListSeparator"), items.Take(items.Count - 1)) + T("ListLastSeparator") + items[^1];

        var textCulture = CultureInfo.GetCultureInfo(lang);
        var shares = city.ThemeStrengths.Select(f => ThemeName(framework, f.Theme, lang, textCulture)).ToList();
        var looks = city.ThemeGaps.Select(f => ThemeName(framework, f.Theme, lang, textCulture)).ToList();
        var name = city.City.Name;
        return new DraftConclusions(
            lang,
            fallback,
            shares.Count == 0 ? null : F("MayShareSentence", name, Preposition(Join(shares))),
            looks.Count == 0 ? null : F("MayLookAtSentence", name, Preposition(Join(looks))),
            [.. shares.Select(t => F("MayShareItem", t))],
            [.. looks.Select(t => F("MayLookAtItem", Preposition(t)))],
            F("MayShareHeading", name),
            F("MayLookAtHeading", name));
    }

    private static bool StartsWithVowel(string noun) =>
        noun.Length > 0 && "aeiouyàâéèêëîïôûüAEIOUYÀÂÉÈÊËÎÏÔÛÜ".Contains(noun[0], StringComparison.Ordinal);

    /// <summary>
    /// The theme's name inside a sentence: its first letter lowered ("Access to finance" → "access to finance"),
    /// unless the name starts with an acronym ("SME support" stays).
    /// </summary>
    private static string ThemeName(Framework framework, string code, string language, CultureInfo culture)
    {
        var name = framework.FindTheme(code)?.Name[language] ?? code;
        return name.Length >= 2 && char.IsUpper(name[0]) && char.IsLower(name[1])
            ? char.ToLower(name[0], culture) + name[1..]
            : name;
    }
}
