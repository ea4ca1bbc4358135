using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Rounds;

namespace MegaBench.Reports;

/// <summary>What changed for one organisation present in both rounds.</summary>
/// <param name="NewlyMet">Indicator codes answered yes now and not before.</param>
/// <param name="Lost">Indicator codes answered yes before and not now.</param>
public sealed record OrganisationChange(string Name, string Group, int EarlierLevel, int LaterLevel, IReadOnlyList<string> NewlyMet, IReadOnlyList<string> Lost);

/// <summary>A group's median organisation level and ecosystem level, before and after.</summary>
public sealed record GroupChange(string Group, int? EarlierMedian, int? LaterMedian, int EarlierEcosystem, int LaterEcosystem);

/// <summary>
/// A theme's score (0–100) before and after; null where there was no data. The change shown is taken between the
/// figures shown (<see cref="ReportText.Difference"/>).
/// </summary>
public sealed record ThemeChange(string Theme, double? Earlier, double? Later);

/// <summary>What changed between an earlier and a later round of the same city.</summary>
/// <param name="OnlyEarlier">Indicator codes of the earlier round's framework that the later one lacks.</param>
/// <param name="OnlyLater">Indicator codes of the later round's framework that the earlier one lacks.</param>
/// <param name="Joined">Organisations (group, name) only in the later round.</param>
/// <param name="Left">Organisations (group, name) only in the earlier round.</param>
public sealed record RoundComparison(
    ScoredRound Earlier,
    ScoredRound Later,
    IReadOnlyList<OrganisationChange> Organisations,
    IReadOnlyList<GroupChange> Groups,
    IReadOnlyList<ThemeChange> Themes,
    IReadOnlyList<Indicator> OnlyEarlier,
    IReadOnlyList<Indicator> OnlyLater,
    IReadOnlyList<(string Group, string Name)> Joined,
    IReadOnlyList<(string Group, string Name)> Left)
{
    /// <summary>
    /// Compares two rounds of a city, by indicator code so that rounds on different framework versions compare.
    /// </summary>
    /// <remarks>
    /// Organisations are the same when they are in the same group and their names are equal ignoring case and
    /// surrounding spaces. A statement is newly met when the later answer is yes and the earlier is not (no, not
    /// determined or unanswered), and lost the other way round; only statements in both frameworks count, the
    /// others are listed apart. Levels and theme scores are each round's own, scored on its own framework.
    /// </remarks>
    public static RoundComparison Compare(ScoredRound earlier, ScoredRound later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var earlierCodes = earlier.Framework.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var laterCodes = later.Framework.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);

        static (string, string) Key(Organisation o) => (o.GroupCode, o.Name.Trim().ToUpperInvariant());
        var before = earlier.Organisations.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var levels = (earlier.Score.Groups.SelectMany(g => g.Organisations).ToDictionary(o => o.Id, o => o.Level),
                      later.Score.Groups.SelectMany(g => g.Organisations).ToDictionary(o => o.Id, o => o.Level));

        var changes = new List<OrganisationChange>();
        var joined = new List<(string, string)>();
        var seen = new HashSet<(string, string)>();
        foreach (var now in later.Organisations)
        {
            if (!before.TryGetValue(Key(now), out var then) || !seen.Add(Key(now)))
            {
                joined.Add((now.GroupCode, now.Name));
                continue;
            }

            var yesBefore = Yes(then);
            var yesNow = Yes(now);
            var codes = later.Framework.FindGroup(now.GroupCode)?.Indicators.Select(i => i.Code).Where(earlierCodes.Contains).ToList() ?? [];
            changes.Add(new OrganisationChange(
                now.Name,
                now.GroupCode,
                levels.Item1.GetValueOrDefault(then.Id),
                levels.Item2.GetValueOrDefault(now.Id),
                [.. codes.Where(c => yesNow.Contains(c) && !yesBefore.Contains(c))],
                [.. codes.Where(c => yesBefore.Contains(c) && !yesNow.Contains(c))]));
        }

        var left = earlier.Organisations.Where(o => !seen.Contains(Key(o))).Select(o => (o.GroupCode, o.Name)).ToList();

        var groups = later.Framework.Groups
            .Select(g => (Earlier: earlier.Score.FindGroup(g.Code), Later: later.Score.FindGroup(g.Code)!))
            .Where(p => p.Earlier is not null)
            .Select(p => new GroupChange(p.Later.Group, p.Earlier!.MedianLevel, p.Later.MedianLevel, p.Earlier.EcosystemLevel, p.Later.EcosystemLevel))
            .ToList();
        var themes = later.Framework.Themes
            .Where(t => earlier.Score.FindTheme(t.Code) is not null)
            .Select(t => new ThemeChange(t.Code, earlier.Score.FindTheme(t.Code)!.Score, later.Score.FindTheme(t.Code)!.Score))
            .ToList();

        return new RoundComparison(
            earlier,
            later,
            changes,
            groups,
            themes,
            [.. earlier.Framework.Indicators.Where(i => !laterCodes.Contains(i.Code))],
            [.. later.Framework.Indicators.Where(i => !earlierCodes.Contains(i.Code))],
            joined,
            left);
    }

    private static HashSet<string> Yes(Organisation organisation) =>
        organisation.Answers.Where(a => a.Value == AnswerValue.Yes).Select(a => a.IndicatorCode).ToHashSet(StringComparer.Ordinal);
}
