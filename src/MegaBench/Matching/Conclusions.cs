using System.Globalization;
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
public static class Conclusions
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    public static DraftConclusions Draft(Framework framework, StrengthsAndGaps city, string language)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(language);
        var fallback = !Languages.Contains(language);
        var lang = fallback ? "en" : language;
        var culture = CultureInfo.GetCultureInfo(lang);
        var shares = city.ThemeStrengths.Select(f => ThemeName(framework, f.Theme, lang, culture)).ToList();
        var looks = city.ThemeGaps.Select(f => ThemeName(framework, f.Theme, lang, culture)).ToList();
        var name = city.City.Name;
        return lang == "fr"
            ? new DraftConclusions(
                lang,
                fallback,
                shares.Count == 0 ? null : $"{name} peut partager son expérience en matière {De(Join(shares, " et "))}.",
                looks.Count == 0 ? null : $"{name} peut s’inspirer des villes qui réussissent en matière {De(Join(looks, " et "))}.",
                shares,
                [.. looks.Select(t => $"des villes qui réussissent en matière {De(t)}")],
                $"{name} peut partager son expérience en matière de",
                $"{name} peut s’inspirer")
            : new DraftConclusions(
                lang,
                fallback,
                shares.Count == 0 ? null : $"{name} may share its experiences with regard to {Join(shares, " and ")}.",
                looks.Count == 0 ? null : $"{name} may look at cities which do well in {Join(looks, " and ")}.",
                shares,
                [.. looks.Select(t => $"cities which do well in {t}")],
                $"{name} may share its experiences with regard to",
                $"{name} may look at");
    }

    /// <summary>French "de" before a noun, elided before a vowel: "de visibilité", "d’accès au financement".</summary>
    private static string De(string noun) =>
        noun.Length > 0 && "aeiouyàâéèêëîïôûüAEIOUYÀÂÉÈÊËÎÏÔÛÜ".Contains(noun[0], StringComparison.Ordinal) ? $"d’{noun}" : $"de {noun}";

    /// <summary>"a", "a and b", "a, b and c".</summary>
    private static string Join(List<string> items, string lastSeparator) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + lastSeparator + items[^1];

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
