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
            row.Network,
            static (own, network, token) => PublishedAsync(own, network, token),
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
    /// <remarks>
    /// The answers, most of the work on a large network, stream in on their own connections (<see cref="ScoredAnswers"/>)
    /// while this context reads the rounds and organisations; then the rounds are scored, in parallel on a large network
    /// (<see cref="LargeNetwork"/>). On two cores this halves the load of a 1,000-city network (<c>bench/match/run.sh</c>).
    /// </remarks>
    private static async Task<NetworkScores> PublishedAsync(MegaBenchDbContext db, Network network, CancellationToken cancellationToken)
    {
        var chosen = (await LatestPublishedAsync(db, network.Id, cancellationToken)).Select(r => r.RoundId).ToList();
        await using var answers = new ScoredAnswers(db, network.Id, chosen, cancellationToken);

        var rounds = await RoundScores.Rounds(db).Where(r => chosen.Contains(r.Id)).ToListAsync(cancellationToken);
        await RoundScores.AttachFrameworksAsync(db, rounds, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => chosen.Contains(o.RoundId)).ToListAsync(cancellationToken);
        await answers.AddToAsync(organisations);

        var byRound = organisations.ToLookup(o => o.RoundId);
        var scored = new ScoredRound[rounds.Count];
        Parallel.For(0, rounds.Count, LargeNetwork.Options(rounds.Count), r => scored[r] = RoundScores.Score(rounds[r], byRound[rounds[r].Id]));
        return Compose(network, [.. scored]);
    }

    /// <summary>
    /// What scoring reads of the answers of a network's chosen rounds: the code and the value, not whole rows with their
    /// comments and notes, read as soon as this is made. A 1,000-city network has some 650,000 answers: through EF's
    /// materialiser reading them took about a second, two thirds of <c>megabench match</c>'s load, and a data reader
    /// over the model's own column names and value conversion (<see cref="MappedColumn"/>) reads them in a third of that.
    /// </summary>
    /// <remarks>
    /// <para>The query takes the network's published rounds by a join rather than a thousand ids in an <c>IN</c> list;
    /// answers of rounds that do not stand for their city (an earlier year) are skipped as they stream in.</para>
    /// <para>The organisations are split by id over one reader per core (two to four), each on its own context
    /// (<see cref="MegaBenchDbContext.NewReader"/>), so the rows stream in beside the caller's own queries. Inside a
    /// transaction the caller's connection reads them alone: another connection would not see what it has not committed.</para>
    /// </remarks>
    private sealed class ScoredAnswers : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task<Dictionary<int, List<Answer>>>[] _parts;
        private readonly Func<Task<Dictionary<int, List<Answer>>>>? _onCallersConnection;

        public ScoredAnswers(MegaBenchDbContext db, int networkId, IReadOnlyCollection<int> rounds, CancellationToken cancellationToken)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var chosen = rounds.ToHashSet();
            var token = _stop.Token;
            // Two readers at least, so that a single core reads them the same way (and the split is always tested).
            var parts = Math.Clamp(Environment.ProcessorCount, 2, 4);
            if (db.Database.CurrentTransaction is not null)
            {
                // Read once the caller's own queries are done: one connection runs one command at a time.
                _onCallersConnection = () => ReadAsync(db, networkId, chosen, 0, 1, token);
                _parts = [];
                return;
            }

            _parts = [.. Enumerable.Range(0, parts).Select(part => Task.Run(async () =>
            {
                await using var reader = db.NewReader();
                return await ReadAsync(reader, networkId, chosen, part, parts, token);
            }, token))];
        }

        /// <summary>Adds to each organisation its answers, once all are read.</summary>
        public async Task AddToAsync(IEnumerable<Organisation> organisations)
        {
            var parts = _onCallersConnection is { } read ? [await read()] : await Task.WhenAll(_parts);
            foreach (var organisation in organisations)
            {
                if (parts[organisation.Id % parts.Length].TryGetValue(organisation.Id, out var answers))
                {
                    organisation.Answers.AddRange(answers);
                }
            }
        }

        /// <summary>Stops the readers when the caller gives up before reading (a failed query); they end on their own otherwise.</summary>
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await Task.WhenAll(_parts);
            }
            catch (Exception e) when (e is OperationCanceledException || _parts.Any(p => p.IsFaulted))
            {
                // Cancelled, or failed: a failure reached the caller through AddToAsync, or the caller is failing already.
            }

            _stop.Dispose();
        }

        /// <summary>The answers of the organisations whose id is <paramref name="part"/> modulo <paramref name="parts"/>, by organisation.</summary>
        private static async Task<Dictionary<int, List<Answer>>> ReadAsync(MegaBenchDbContext db, int networkId, HashSet<int> chosen, int part, int parts, CancellationToken cancellationToken)
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

            var read = new Dictionary<int, List<Answer>>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText =
                    $"SELECT a.{organisationId.Name}, o.{organisationRound.Name}, a.{code.Name}, a.{value.Name} FROM {MappedColumn.Table<Answer>(db)} a " +
                    $"JOIN {MappedColumn.Table<Organisation>(db)} o ON o.{organisationKey.Name} = a.{organisationId.Name} " +
                    $"JOIN {MappedColumn.Table<Round>(db)} r ON r.{roundKey.Name} = o.{organisationRound.Name} " +
                    $"JOIN {MappedColumn.Table<City>(db)} c ON c.{cityKey.Name} = r.{roundCity.Name} " +
                    $"WHERE c.{cityNetwork.Name} = @network AND r.{roundStatus.Name} = @published AND o.{organisationKey.Name} % @parts = @part";
                command.Parameters.Add(cityNetwork.Parameter(command, "@network", networkId));
                command.Parameters.Add(roundStatus.Parameter(command, "@published", RoundStatus.Published));
                command.Parameters.Add(organisationKey.Parameter(command, "@parts", parts));
                command.Parameters.Add(organisationKey.Parameter(command, "@part", part));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                List<Answer>? answers = null;
                var current = -1;
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (!chosen.Contains(reader.GetInt32(1)))
                    {
                        continue;
                    }

                    var id = reader.GetInt32(0);
                    if (id != current && !read.TryGetValue(id, out answers))
                    {
                        read[id] = answers = [];
                    }

                    current = id;
                    answers!.Add(new Answer { OrganisationId = id, IndicatorCode = reader.GetString(2), Value = values[reader.GetString(3)] });
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return read;
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
