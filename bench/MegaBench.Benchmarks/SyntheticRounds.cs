using System.Data.Common;
using System.Diagnostics;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Benchmarks;

/// <summary>
/// Writes a seeded synthetic network of full rounds into a SQLite file, for the network export benchmark:
/// <c>-- --generate-rounds FILE [--cities 1000] [--organisations-per-group 10] [--seed 2018] [--framework frameworks/mega-2018.yaml]</c>.
/// </summary>
/// <remarks>
/// Network, cities and rounds go through EF Core; organisations and answers (millions of rows) through one
/// prepared INSERT each, in a single transaction, with explicit ids. Every organisation answers every
/// statement of its group: 60 % yes, 25 % no, 10 % not determined, 5 % unanswered (no row), one answer in
/// ten with a comment (some starting with "=" to exercise the neutralisation). Same seed, same file.
/// </remarks>
public static class SyntheticRounds
{
    public static async Task RunAsync(string[] args)
    {
        string Option(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        var file = Option("--generate-rounds", "network.db");
        var cities = int.Parse(Option("--cities", "1000"), System.Globalization.CultureInfo.InvariantCulture);
        var perGroup = int.Parse(Option("--organisations-per-group", "10"), System.Globalization.CultureInfo.InvariantCulture);
        var seed = int.Parse(Option("--seed", "2018"), System.Globalization.CultureInfo.InvariantCulture);
        var framework = FrameworkLoader.LoadFile(Option("--framework", Path.Combine("frameworks", "mega-2018.yaml")));
        if (File.Exists(file))
        {
            throw new InvalidOperationException($"{file} exists already: remove it or name another file.");
        }

        var stopwatch = Stopwatch.StartNew();
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}", SqliteSynchronous = "OFF" };
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(options);
        await db.Database.MigrateAsync();
        var stored = await FrameworkStore.RegisterAsync(db, framework);
        var network = new Network { Name = $"Synthetic network ({cities} cities, seed {seed})", Description = "Generated for the export benchmark; fictional." };
        for (var c = 1; c <= cities; c++)
        {
            var city = new City { Name = $"City {c:0000}", Country = $"Country {c % 40:00}" };
            city.Rounds.Add(new Round { Year = 2018, StoredFrameworkId = stored.Id, Status = RoundStatus.Published, CreatedAt = new DateTimeOffset(2018, 6, 1, 0, 0, 0, TimeSpan.Zero) });
            network.Cities.Add(city);
        }

        db.Networks.Add(network);
        await db.SaveChangesAsync();
        var roundIds = network.Cities.Select(c => c.Rounds[0].Id).ToList();
        db.ChangeTracker.Clear();

        var random = new Random(seed);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var organisation = Command(connection, transaction,
            "INSERT INTO Organisations (Id, RoundId, Name, GroupCode, Kind, Position) VALUES ($id, $round, $name, $group, 'Other', $position)",
            "$id", "$round", "$name", "$group", "$position");
        await using var answer = Command(connection, transaction,
            "INSERT INTO Answers (OrganisationId, IndicatorCode, Value, Comment, UpdatedBy, Version) VALUES ($organisation, $code, $value, $comment, 'generator', 1)",
            "$organisation", "$code", "$value", "$comment");
        long answers = 0;
        var organisationId = 0;
        foreach (var roundId in roundIds)
        {
            foreach (var group in framework.Groups)
            {
                for (var position = 1; position <= perGroup; position++)
                {
                    organisationId++;
                    Set(organisation, organisationId, roundId, $"{group.Code} organisation {position}", group.Code, position);
                    await organisation.ExecuteNonQueryAsync();
                    foreach (var indicator in group.Indicators)
                    {
                        var roll = random.NextDouble();
                        if (roll >= 0.95)
                        {
                            continue;
                        }

                        var value = roll < 0.60 ? AnswerValue.Yes : roll < 0.85 ? AnswerValue.No : AnswerValue.NotDetermined;
                        var comment = random.Next(10) == 0 ? (random.Next(4) == 0 ? "=SUM(A1:A9) looks like a formula" : $"Comment on {indicator.Code}, with \"quotes\", commas") : null;
                        Set(answer, organisationId, indicator.Code, value.ToString(), comment);
                        await answer.ExecuteNonQueryAsync();
                        answers++;
                    }
                }
            }
        }

        await transaction.CommitAsync();
        Console.WriteLine($"{file}: {cities} cities, {organisationId} organisations, {answers} answers in {stopwatch.Elapsed.TotalSeconds:0.0} s. Network id {network.Id}.");
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
