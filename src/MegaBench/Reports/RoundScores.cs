using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Scoring;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Reports;

/// <summary>
/// A round with everything its reports need: its city and network, its framework, its organisations with
/// their answers, its narrative, and its score. Shared as it is when cached: callers read it and never change it.
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record ScoredRound(Round Round, Framework Framework, IReadOnlyList<Organisation> Organisations, CityScore Score)
{
    public City City => Round.City!;

    /// <summary>The city as the matching sees it, scored on this round.</summary>
    public MatchingCity ToMatchingCity() => new(City.Id, City.Name, City.Country, Score);
}

/// <summary>Loads rounds from the database and scores them with <see cref="Scorer"/>.</summary>
public static class RoundScores
{
    /// <summary>
    /// <see cref="LoadAsync(MegaBenchDbContext, int, CancellationToken)"/> kept in <see cref="MegaBenchDbContext.ResultCache"/>
    /// under the round's change stamp <paramref name="stamp"/>, which the caller read with the round to decide access.
    /// </summary>
    public static async Task<ScoredRound?> LoadAsync(MegaBenchDbContext db, int roundId, long stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await StampedResults.GetOrComputeAsync(
            db,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"scored-round/{roundId}/{stamp}"),
            roundId,
            static (own, id, token) => LoadAsync(own, id, token),
            cancellationToken);
    }

    /// <summary>The round, its organisations (in sheet order) and its score; null when there is no such round.</summary>
    public static async Task<ScoredRound?> LoadAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var round = await Rounds(db).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return null;
        }

        await AttachFrameworksAsync(db, [round], cancellationToken);

        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.RoundId == roundId)
            .Include(o => o.Answers)
            .ToListAsync(cancellationToken);
        return Score(round, organisations);
    }

    /// <summary>The answers of <paramref name="organisations"/> as the scorer reads them.</summary>
    public static IReadOnlyList<OrganisationAnswers> ToAnswers(IEnumerable<Organisation> organisations) =>
        [.. organisations.Select(o => new OrganisationAnswers(
            o.Id,
            o.Name,
            o.GroupCode,
            o.Answers.ToDictionary(a => a.IndicatorCode, a => a.Value, StringComparer.Ordinal)))];

    /// <summary>Rounds with their city, network and narrative, untracked; <see cref="AttachFrameworksAsync"/> adds their frameworks.</summary>
    internal static IQueryable<Round> Rounds(MegaBenchDbContext db) =>
        db.Rounds.AsNoTracking()
            .Include(r => r.City).ThenInclude(c => c!.Network)
            .Include(r => r.Narrative)
            .AsSplitQuery();

    /// <summary>
    /// Sets each round's stored framework, reading each framework row once: an untracked include would read the
    /// framework's whole definition (some 60 KB of JSON) once per round, thirty times for a network's profile.
    /// </summary>
    internal static async Task AttachFrameworksAsync(MegaBenchDbContext db, IReadOnlyCollection<Round> rounds, CancellationToken cancellationToken)
    {
        var ids = rounds.Select(r => r.StoredFrameworkId).Distinct().ToList();
        var frameworks = await db.Frameworks.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
        foreach (var round in rounds)
        {
            round.Framework = frameworks[round.StoredFrameworkId];
        }
    }

    internal static ScoredRound Score(Round round, IEnumerable<Organisation> organisations)
    {
        var framework = FrameworkStore.Read(round.Framework!);
        var groupOrder = framework.Groups.Select(g => g.Code).ToList();
        var ordered = organisations
            .OrderBy(o => groupOrder.IndexOf(o.GroupCode)).ThenBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
        return new ScoredRound(round, framework, ordered, Scorer.Score(framework, ToAnswers(ordered)));
    }
}
