using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MegaBench.Benchmarks;

/// <summary>
/// Writes a seeded synthetic network into an empty SQLite file or PostgreSQL database, for the export benchmark,
/// the load test and the crash test.
/// </summary>
/// <remarks>
/// <para><c>-- --generate-rounds FILE</c> (SQLite) or <c>-- --generate --provider postgresql --connection-string CS</c>,
/// with <c>[--cities 1000] [--organisations-per-group 10] [--seed 2018] [--open-cities 0]
/// [--framework frameworks/mega-2018.yaml] [--links FILE]</c>. The first <c>--open-cities</c> cities have an open round
/// (being answered); the others a published one (readable by anyone). Answers follow <see cref="AnswerMix"/>.
/// <c>--links FILE</c> issues an invitation link (valid 30 days) to every organisation of the open rounds and writes
/// one line per link to FILE: <c>token organisation-id group code:version,...</c> (the statements of its group, each
/// with the version of its stored answer, 0 for none), for the load and crash tests.</para>
/// <para>The schema comes from the migrations; network, cities and rounds go through EF Core; organisations and
/// answers (millions of rows) through one prepared INSERT each in a single transaction on SQLite, and through
/// binary COPY on PostgreSQL, with explicit ids (so the database must be empty). Generated rows are not in the
/// audit trail: nobody changed them. Same seed, same data.</para>
/// </remarks>
public static class NetworkGenerator
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => BenchArgs.Option(args, name, fallback);

        int Number(string name, string fallback) => int.Parse(Option(name, fallback), CultureInfo.InvariantCulture);

        var postgres = string.Equals(Option("--provider", "sqlite"), "postgresql", StringComparison.OrdinalIgnoreCase);
        var cities = Number("--cities", "1000");
        var perGroup = Number("--organisations-per-group", "10");
        var seed = Number("--seed", "2018");
        var openCities = Number("--open-cities", "0");
        var framework = FrameworkLoader.LoadFile(Option("--framework", Path.Combine("frameworks", "mega-2018.yaml")));
        DatabaseOptions options;
        string target;
        if (postgres)
        {
            var connectionString = Option("--connection-string", "");
            target = "PostgreSQL database " + new NpgsqlConnectionStringBuilder(connectionString).Database;
            if (connectionString.Length == 0)
            {
                Console.Error.WriteLine("--provider postgresql needs --connection-string \"Host=...;Database=...;Username=...;Password=...\" of an empty database.");
                return 2;
            }

            options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString };
        }
        else
        {
            target = Option("--generate-rounds", Option("--output", "network.db"));
            if (File.Exists(target))
            {
                Console.Error.WriteLine($"{target} exists already: remove it or name another file.");
                return 2;
            }

            // No durability needed while generating: the file is thrown away if the generator stops half-way.
            options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={target}", SqliteSynchronous = "OFF" };
        }

        var stopwatch = Stopwatch.StartNew();
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(options);
        await db.Database.MigrateAsync();
        if (await db.Organisations.AnyAsync())
        {
            Console.Error.WriteLine("The database already holds organisations: the generator writes explicit ids and needs an empty database.");
            return 2;
        }

        var stored = await FrameworkStore.RegisterAsync(db, framework);
        var network = new Network { Name = $"Synthetic network ({cities} cities, seed {seed})", Description = "Generated for the benchmarks; fictional." };
        for (var c = 1; c <= cities; c++)
        {
            var city = new City { Name = $"City {c:0000}", Country = $"Country {c % 40:00}" };
            city.Rounds.Add(new Round
            {
                Year = 2018,
                StoredFrameworkId = stored.Id,
                Status = c <= openCities ? RoundStatus.Open : RoundStatus.Published,
                CreatedAt = new DateTimeOffset(2018, 6, 1, 0, 0, 0, TimeSpan.Zero),
            });
            network.Cities.Add(city);
        }

        db.Networks.Add(network);
        await db.SaveChangesAsync();
        var roundIds = network.Cities.Select(c => c.Rounds[0].Id).ToList();
        db.ChangeTracker.Clear();

        var rows = WithProgress(Rows(framework, roundIds, perGroup, seed), roundIds.Count * framework.Groups.Count * perGroup);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var (organisations, answers) = connection is NpgsqlConnection npgsql
            ? await CopyAsync(npgsql, rows)
            : await InsertAsync(connection, rows);
        var links = Option("--links", "");
        if (links.Length > 0)
        {
            await WriteLinksAsync(db, framework, roundIds.Take(openCities).ToList(), links);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target}: {cities} cities ({Math.Min(openCities, cities)} open), {organisations} organisations, {answers} answers in {stopwatch.Elapsed.TotalSeconds:0.0} s. Network id {network.Id}; round ids {roundIds[0]}..{roundIds[^1]}."));
        return 0;
    }

    private static async Task WriteLinksAsync(MegaBenchDbContext db, Framework framework, List<int> openRounds, string file)
    {
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => openRounds.Contains(o.RoundId))
            .OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.GroupCode })
            .ToListAsync();
        var expiry = DateTimeOffset.UtcNow.AddDays(30);
        await using var output = new StreamWriter(file);
        foreach (var organisation in organisations)
        {
            var (_, token) = await Questionnaire.IssueInvitationAsync(db, organisation.Id, expiry, "generator");
            var versions = await db.Answers.AsNoTracking().Where(a => a.OrganisationId == organisation.Id).ToDictionaryAsync(a => a.IndicatorCode, a => a.Version);
            var codes = string.Join(',', framework.FindGroup(organisation.GroupCode)!.Indicators.Select(i => $"{i.Code}:{versions.GetValueOrDefault(i.Code)}"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{token} {organisation.Id} {organisation.GroupCode} {codes}"));
        }

        Console.WriteLine($"{organisations.Count} invitation links written to {file}.");
    }

    /// <summary>One organisation with its answers; ids are assigned in order from 1.</summary>
    private sealed record OrganisationRow(int Id, int RoundId, string Name, string Group, int Position, List<(string Code, string Value, string? Comment)> Answers);

    private static IEnumerable<OrganisationRow> Rows(Framework framework, IReadOnlyList<int> roundIds, int perGroup, int seed)
    {
        var random = new Random(seed);
        var id = 0;
        foreach (var roundId in roundIds)
        {
            var mix = new AnswerMix(framework, random);
            foreach (var group in framework.Groups)
            {
                for (var position = 1; position <= perGroup; position++)
                {
                    id++;
                    var answers = mix.Answers(group).Select(a => (a.Indicator.Code, a.Value.ToString(), a.Comment)).ToList();
                    yield return new OrganisationRow(id, roundId, $"{group.Code} organisation {position}", group.Code, position, answers);
                }
            }
        }
    }

    /// <summary>
    /// Passes <paramref name="rows"/> on, writing a line to standard error every five seconds (organisations so far,
    /// of how many, and the time left at the rate so far), so that a large network does not generate in silence.
    /// </summary>
    private static IEnumerable<OrganisationRow> WithProgress(IEnumerable<OrganisationRow> rows, int total)
    {
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.FromSeconds(5);
        var done = 0;
        foreach (var row in rows)
        {
            yield return row;
            done++;
            if (clock.Elapsed >= next)
            {
                var left = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / done * (total - done));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"generating: {done:N0} of {total:N0} organisations, {clock.Elapsed.TotalSeconds:0} s, about {left.TotalSeconds:0} s left"));
                next = clock.Elapsed + TimeSpan.FromSeconds(5);
            }
        }
    }

    private static async Task<(int Organisations, long Answers)> InsertAsync(DbConnection connection, IEnumerable<OrganisationRow> rows)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var organisation = Command(connection, transaction,
            "INSERT INTO Organisations (Id, RoundId, Name, GroupCode, Kind, Position) VALUES ($id, $round, $name, $group, $kind, $position)",
            "$id", "$round", "$name", "$group", "$kind", "$position");
        await using var answer = Command(connection, transaction,
            "INSERT INTO Answers (OrganisationId, IndicatorCode, Value, Comment, UpdatedBy, Version) VALUES ($organisation, $code, $value, $comment, 'generator', 1)",
            "$organisation", "$code", "$value", "$comment");
        var organisations = 0;
        long answers = 0;
        foreach (var row in rows)
        {
            organisations++;
            Set(organisation, row.Id, row.RoundId, row.Name, row.Group, RoundSuccession.OtherKind, row.Position);
            await organisation.ExecuteNonQueryAsync();
            foreach (var (code, value, comment) in row.Answers)
            {
                Set(answer, row.Id, code, value, comment);
                await answer.ExecuteNonQueryAsync();
                answers++;
            }
        }

        await transaction.CommitAsync();
        return (organisations, answers);
    }

    private static async Task<(int Organisations, long Answers)> CopyAsync(NpgsqlConnection connection, IEnumerable<OrganisationRow> rows)
    {
        var all = rows.ToList();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Organisations\" (\"Id\", \"RoundId\", \"Name\", \"GroupCode\", \"Kind\", \"Position\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in all)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(row.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.RoundId, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Group, NpgsqlDbType.Varchar);
                await copy.WriteAsync(RoundSuccession.OtherKind, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Position, NpgsqlDbType.Integer);
            }

            await copy.CompleteAsync();
        }

        long answers = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Answers\" (\"OrganisationId\", \"IndicatorCode\", \"Value\", \"Comment\", \"UpdatedBy\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in all)
            {
                foreach (var (code, value, comment) in row.Answers)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(row.Id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(code, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(value, NpgsqlDbType.Varchar);
                    if (comment is null)
                    {
                        await copy.WriteNullAsync();
                    }
                    else
                    {
                        await copy.WriteAsync(comment, NpgsqlDbType.Text);
                    }

                    await copy.WriteAsync("generator", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    answers++;
                }
            }

            await copy.CompleteAsync();
        }

        // Explicit ids do not move the identity sequence: set it past them so that the app's inserts do not collide.
        await using (var command = new NpgsqlCommand(
            "SELECT setval(pg_get_serial_sequence('\"Organisations\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Organisations\"))", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return (all.Count, answers);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
