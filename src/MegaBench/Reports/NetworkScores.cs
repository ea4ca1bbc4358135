using System.ComponentModel;
using System.Globalization;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Networks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MegaBench.Reports;

/// <summary>
/// The cities of a network as its comparisons see them: for each city, its latest published round, scored.
/// </summary>
/// <remarks>
/// <para><b>Which rounds.</b> Per city, the published round of the latest year. Open and closed rounds are
/// still being answered or checked: comparing them would move the network median under the other cities.</para>
/// <para><b>One framework.</b> Cities are compared on one framework: the framework id used by most of the
/// chosen rounds (ties: the one of the newest stored version), read at its newest version among them. Rounds on
/// other versions of it are compared by indicator and theme code, which versions keep; rounds on another
/// framework altogether are listed in <see cref="LeftOut"/>.</para>
/// </remarks>
/// <param name="Framework">The framework the comparison reads themes and indicators from; null when no round was chosen.</param>
/// <param name="Rounds">The compared rounds, by city name. Their organisations' answers carry the code and the value
/// only (what scores are made of), except the focus round's, which is whole.</param>
/// <param name="LeftOut">Latest published rounds on another framework, not compared.</param>
/// <remarks>
/// <para><b>Cached.</b> The network's scores without a focus, and their analysis (the learning values), are kept in
/// <see cref="MegaBenchDbContext.ResultCache"/> under the network's change stamp (<see cref="ChangeStamps"/>), read
/// from the database at every load: a change through any instance is seen at the next load. A focus that is its
/// city's latest published round takes the cached scores as they are; another focus is set among the cached rounds of
/// the other cities. Only data is cached: who may see it is decided by the caller at each request. The cached
/// objects are shared between requests, so nothing may change them.</para>
/// </remarks>
[ImmutableObject(true)]
public sealed record NetworkScores(Network Network, Framework? Framework, IReadOnlyList<ScoredRound> Rounds, IReadOnlyList<ScoredRound> LeftOut)
{
    /// <summary>
    /// The analysis with the framework's own options, computed once per instance (and so once per stamp for the cached
    /// scores); a copy made with <c>with</c> after it was computed shares it, which only <see cref="LoadAsync"/> does, for equal scores.
    /// </summary>
    private Lazy<NetworkAnalysis?>? _analysis;

    public IReadOnlyList<MatchingCity> MatchingCities => [.. Rounds.Select(r => r.ToMatchingCity())];

    /// <summary>Strengths, gaps and learning values; null when no round was chosen.</summary>
    public NetworkAnalysis? Analyse(MatchingOptions? options = null) =>
        Framework is null ? null
        : options is null ? LazyInitializer.EnsureInitialized(ref _analysis, () => new(() => NetworkAnalysis.Analyse(Framework, MatchingCities))).Value
        : NetworkAnalysis.Analyse(Framework, MatchingCities, options);

    /// <summary>
    /// Which of a city's published rounds stands for it in comparisons: the latest year, and of two rounds of one
    /// year the one created last.
    /// </summary>
    public static int Latest(IEnumerable<(int Id, int Year)> publishedRounds) =>
        publishedRounds.OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).First().Id;

    /// <summary>Each city's latest published round (<see cref="Latest"/>): the rounds the comparisons and the open data read.</summary>
    public static async Task<IReadOnlyList<(int RoundId, int CityId)>> LatestPublishedAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var published = await db.Rounds.AsNoTracking()
            .Where(r => r.City!.NetworkId == networkId && r.Status == RoundStatus.Published)
            .Select(r => new { r.Id, r.CityId, r.Year })
            .ToListAsync(cancellationToken);
        return [.. published
            .GroupBy(r => r.CityId)
            .Select(g => (Latest(g.Select(r => (r.Id, r.Year))), g.Key))];
    }

    /// <summary>
    /// The network's compared rounds; with <paramref name="focus"/>, that round stands for its city instead of the
    /// city's latest published one (a city profile compares the round being viewed, published or not).
    /// Null when there is no such network.
    /// </summary>
    public static async Task<NetworkScores?> LoadAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken, ScoredRound? focus = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The network with its stamp: the one query a cached load makes.
        var row = await db.Networks.AsNoTracking().Where(n => n.Id == networkId)
            .Select(n => new { Network = n, Stamp = EF.Property<long>(n, ChangeStamps.Property) })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var published = await StampedResults.GetOrComputeAsync(
            db,
            string.Create(CultureInfo.InvariantCulture, $"network-scores/{networkId}/{row.Stamp}"),
            (Db: db, row.Network),
            static (state, token) => PublishedAsync(state.Db, state.Network, token),
            cancellationToken);
        if (focus is null)
        {
            return published;
        }

        var all = published.Rounds.Concat(published.LeftOut).ToList();
        if (all.FindIndex(r => r.Round.Id == focus.Round.Id) is var index and >= 0)
        {
            // The focus is its city's latest published round: the same scores, with the caller's instance standing in
            // for the cached one, and the cached analysis.
            var same = all[index];
            _ = published.Analyse();
            ScoredRound Swap(ScoredRound r) => ReferenceEquals(r, same) ? focus : r;
            return published with { Rounds = [.. published.Rounds.Select(Swap)], LeftOut = [.. published.LeftOut.Select(Swap)] };
        }

        return Compose(row.Network, [.. all.Where(r => r.City.Id != focus.City.Id), focus]);
    }

    /// <summary>Every city's latest published round, scored.</summary>
    private static async Task<NetworkScores> PublishedAsync(MegaBenchDbContext db, Network network, CancellationToken cancellationToken)
    {
        var networkId = network.Id;
        var chosen = (await LatestPublishedAsync(db, networkId, cancellationToken)).Select(r => r.RoundId).ToList();

        var rounds = await RoundScores.Rounds(db).Where(r => chosen.Contains(r.Id)).ToListAsync(cancellationToken);
        await RoundScores.AttachFrameworksAsync(db, rounds, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => chosen.Contains(o.RoundId)).ToListAsync(cancellationToken);
        await ReadScoredAnswersAsync(db, networkId, organisations.ToDictionary(o => o.Id), cancellationToken);

        var byRound = organisations.ToLookup(o => o.RoundId);
        return Compose(network, [.. rounds.Select(r => RoundScores.Score(r, byRound[r.Id]))]);
    }

    /// <summary>
    /// Adds to <paramref name="organisations"/> (by id) what scoring reads of their answers: the code and the value, not
    /// whole rows with their comments and notes. A 1,000-city network has some 650,000 answers, and through EF's
    /// materialiser reading them took about a second, two thirds of <c>megabench match</c>'s load; a data reader over
    /// the model's own column names and value conversion (<see cref="MappedColumn"/>) reads them in a third of that. The
    /// query takes the network's published rounds by a join rather than a thousand ids in an <c>IN</c> list; answers of
    /// rounds that do not stand for their city (an earlier year) are skipped as they stream in.
    /// </summary>
    private static async Task ReadScoredAnswersAsync(MegaBenchDbContext db, int networkId, Dictionary<int, Organisation> organisations, CancellationToken cancellationToken)
    {
        var organisationId = MappedColumn.Of<Answer>(db, nameof(Answer.OrganisationId));
        var code = MappedColumn.Of<Answer>(db, nameof(Answer.IndicatorCode));
        var value = MappedColumn.Of<Answer>(db, nameof(Answer.Value));
        var organisationKey = MappedColumn.Of<Organisation>(db, nameof(Organisation.Id));
        var organisationRound = MappedColumn.Of<Organisation>(db, nameof(Organisation.RoundId));
        var roundKey = MappedColumn.Of<Round>(db, nameof(Round.Id));
        var roundCity = MappedColumn.Of<Round>(db, nameof(Round.CityId));
        var roundStatus = MappedColumn.Of<Round>(db, nameof(Round.Status));
        var cityKey = MappedColumn.Of<City>(db, nameof(City.Id));
        var cityNetwork = MappedColumn.Of<City>(db, nameof(City.NetworkId));

        // The stored form of each value, converted once through the model's conversion rather than once per row.
        var values = Enum.GetValues<AnswerValue>().ToDictionary(
            v => (string)value.Mapping.Converter!.ConvertToProvider(v)!, v => v, StringComparer.Ordinal);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText =
                $"SELECT a.{organisationId.Name}, a.{code.Name}, a.{value.Name} FROM {MappedColumn.Table<Answer>(db)} a " +
                $"JOIN {MappedColumn.Table<Organisation>(db)} o ON o.{organisationKey.Name} = a.{organisationId.Name} " +
                $"JOIN {MappedColumn.Table<Round>(db)} r ON r.{roundKey.Name} = o.{organisationRound.Name} " +
                $"JOIN {MappedColumn.Table<City>(db)} c ON c.{cityKey.Name} = r.{roundCity.Name} " +
                $"WHERE c.{cityNetwork.Name} = @network AND r.{roundStatus.Name} = @published";
            command.Parameters.Add(cityNetwork.Parameter(command, "@network", networkId));
            command.Parameters.Add(roundStatus.Parameter(command, "@published", RoundStatus.Published));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (organisations.TryGetValue(reader.GetInt32(0), out var organisation))
                {
                    organisation.Answers.Add(new Answer
                    {
                        OrganisationId = organisation.Id,
                        IndicatorCode = reader.GetString(1),
                        Value = values[reader.GetString(2)],
                    });
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Chooses the framework compared on and orders the rounds by city name.</summary>
    private static NetworkScores Compose(Network network, List<ScoredRound> scored)
    {
        if (scored.Count == 0)
        {
            return new NetworkScores(network, null, [], []);
        }

        var frameworkId = scored
            .GroupBy(r => r.Round.Framework!.FrameworkId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(r => r.Round.StoredFrameworkId))
            .First().Key;
        var newest = scored.Where(r => r.Round.Framework!.FrameworkId == frameworkId).MaxBy(r => r.Round.StoredFrameworkId)!;
        var byName = scored.OrderBy(r => r.City.Name, StringComparer.CurrentCulture).ThenBy(r => r.City.Id).ToList();
        return new NetworkScores(
            network,
            newest.Framework,
            [.. byName.Where(r => r.Round.Framework!.FrameworkId == frameworkId)],
            [.. byName.Where(r => r.Round.Framework!.FrameworkId != frameworkId)]);
    }
}
