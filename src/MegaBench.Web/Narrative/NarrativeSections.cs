using System.Globalization;
using MegaBench.Rounds;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Narrative;

/// <summary>The report sections of a round, with their headings and the slug used in page addresses.</summary>
public static class NarrativeSections
{
    public static IReadOnlyList<NarrativeKind> All { get; } = Enum.GetValues<NarrativeKind>();

    /// <summary>The section's heading in English.</summary>
    public static string Title(NarrativeKind kind, string city) =>
        string.Format(CultureInfo.InvariantCulture, TitleText(kind), city);

    /// <summary>The section's heading in the request's language.</summary>
    public static string Title(NarrativeKind kind, string city, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[TitleText(kind), city];
    }

    /// <summary>The English heading, a key of SharedResource; <c>{0}</c> stands for the city.</summary>
    public static string TitleText(NarrativeKind kind) => kind switch
    {
        NarrativeKind.NationalContext => "National context",
        NarrativeKind.RegionalAndLocalLevel => "Regional and local level",
        NarrativeKind.Obstacles => "Obstacles",
        NarrativeKind.KeyChallenges => "Key challenges",
        NarrativeKind.PromisingPractices => "Promising practices",
        NarrativeKind.MayShare => "{0} may share",
        NarrativeKind.MayLookAt => "{0} may look at",
        _ => kind.ToString(),
    };

    public static string Slug(NarrativeKind kind) => kind switch
    {
        NarrativeKind.NationalContext => "national-context",
        NarrativeKind.RegionalAndLocalLevel => "regional-and-local-level",
        NarrativeKind.Obstacles => "obstacles",
        NarrativeKind.KeyChallenges => "key-challenges",
        NarrativeKind.PromisingPractices => "promising-practices",
        NarrativeKind.MayShare => "may-share",
        NarrativeKind.MayLookAt => "may-look-at",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The text a section stores for what was typed: exactly as typed (in Markdown even trailing spaces can mean
    /// something, a line break), and nothing for white space only. Longer than <see cref="TextLimits.Narrative"/> is refused.
    /// </summary>
    public static string Stored(string? markdown) => string.IsNullOrWhiteSpace(markdown) ? "" : markdown;

    /// <summary>Stores a section of a tracked round (its narrative loaded): the narrative page and <c>PUT /api/rounds/{id}/narrative/{slug}</c>.</summary>
    /// <exception cref="ArgumentException">The text is over <see cref="TextLimits.Narrative"/>: check it first.</exception>
    public static async Task SaveAsync(MegaBench.Data.MegaBenchDbContext db, Round round, NarrativeKind kind, string? markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        var text = Stored(markdown);
        if (text.Length > TextLimits.Narrative)
        {
            throw new ArgumentException($"A section holds at most {TextLimits.Narrative} characters.", nameof(markdown));
        }

        var section = round.Narrative.FirstOrDefault(n => n.Kind == kind);
        if (section is null)
        {
            round.Narrative.Add(new NarrativeSection { Kind = kind, Markdown = text });
        }
        else
        {
            section.Markdown = text;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static NarrativeKind? FromSlug(string? slug) =>
        All.Cast<NarrativeKind?>().FirstOrDefault(k => string.Equals(Slug(k!.Value), slug, StringComparison.Ordinal));
}
