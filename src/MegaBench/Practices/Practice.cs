using MegaBench.Networks;

namespace MegaBench.Practices;

/// <summary>
/// A promising practice a city's coordinator records for others to learn from (the seed's "several
/// significant examples of projects … with a high potential of transferability"). A city's gap shows the
/// practices of other cities on that theme, and a peer-review pair's explanation cites them.
/// </summary>
public sealed class Practice
{
    public int Id { get; set; }

    public int CityId { get; set; }

    public City? City { get; set; }

    public required string Title { get; set; }

    /// <summary>The organisation that runs it, as named by the coordinator (organisations belong to rounds, practices to cities).</summary>
    public string? Organisation { get; set; }

    /// <summary>Markdown, stored as written and rendered sanitised.</summary>
    public string Description { get; set; } = "";

    public string? Link { get; set; }

    /// <summary>The language the practice is described in (a framework language code, e.g. "en" or "fr").</summary>
    public required string Language { get; set; }

    /// <summary>The framework theme codes it addresses, space-separated in the database (see <see cref="ThemeList"/>).</summary>
    public string Themes { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> ThemeList => Themes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinThemes(IEnumerable<string> codes) =>
        string.Join(' ', codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
