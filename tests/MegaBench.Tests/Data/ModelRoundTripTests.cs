using System.Text;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MegaBench.Tests.Data;

/// <summary>
/// The benchmark model on both providers, in every test run: what is written reads back exactly, in a new
/// context, and what the model forbids the database refuses. PostgreSQL cases skip on a machine without a
/// server and fail under CI (see <see cref="TestEnvironment"/>).
/// </summary>
public sealed class ModelRoundTripTests
{
    // Timestamps are UTC with microsecond precision: PostgreSQL's timestamptz stores microseconds and only
    // offset zero, so the application writes UTC (TimeProvider.GetUtcNow) and that is what is tested here.
    private static readonly DateTimeOffset CreatedAt = new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(1_234_560);
    private static readonly DateTimeOffset AnsweredAt = new DateTimeOffset(2026, 4, 1, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990);

    private static Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.PostgreSql ? TestDatabase.CreatePostgresAsync() : TestDatabase.CreateSqliteAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Full_graph_reads_back_field_for_field_in_a_new_context(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var framework = new FrameworkBuilder().WithId("mega-2018", "2018.1").WithGroups("MUN", "CCI", "BUS", "IBO").Build();
        var written = await new GraphBuilder(database, framework).SaveAsync();

        await using var db = database.NewContext();
        var network = await db.Networks.Include(n => n.Cities).SingleAsync(Ct);
        var round = await db.Rounds
            .Include(r => r.Framework)
            .Include(r => r.Narrative)
            .Include(r => r.Organisations).ThenInclude(o => o.Answers)
            .SingleAsync(Ct);

        Assert.Equal(written.Network.Id, network.Id);
        Assert.Equal(written.Network.Name, network.Name);
        Assert.Equal(written.Network.Description, network.Description);
        Assert.Equal(written.Network.IsDemo, network.IsDemo);

        var city = Assert.Single(network.Cities);
        Assert.Equal(written.City.Id, city.Id);
        Assert.Equal(written.Network.Id, city.NetworkId);
        Assert.Equal(written.City.Name, city.Name);
        Assert.Equal(written.City.Country, city.Country);

        Assert.Equal(written.Round.Id, round.Id);
        Assert.Equal(city.Id, round.CityId);
        Assert.Equal(2018, round.Year);
        Assert.Equal(RoundStatus.Closed, round.Status);
        Assert.Equal(CreatedAt, round.CreatedAt);
        Assert.Equal(TimeSpan.Zero, round.CreatedAt.Offset);

        // The round keeps the exact framework version it was benchmarked against, byte for byte.
        Assert.NotNull(round.Framework);
        Assert.Equal(written.Framework.Id, round.StoredFrameworkId);
        Assert.Equal("mega-2018", round.Framework.FrameworkId);
        Assert.Equal("2018.1", round.Framework.Version);
        Assert.Equal(written.Framework.ContentHash, round.Framework.ContentHash);
        Assert.Equal(written.Framework.Definition, round.Framework.Definition);
        Assert.Equal(written.Framework.StoredAt, round.Framework.StoredAt);
        Assert.Equal(FrameworkJson.Serialize(framework), FrameworkJson.Serialize(FrameworkJson.Deserialize(round.Framework.Definition)));

        Assert.Equal(written.Round.Organisations.Count, round.Organisations.Count);
        Assert.Equal<string>(["BUS", "CCI", "IBO", "MUN"], round.Organisations.Select(o => o.GroupCode).Distinct().Order(StringComparer.Ordinal));
        foreach (var expected in written.Round.Organisations)
        {
            var actual = Assert.Single(round.Organisations, o => o.Id == expected.Id);
            Assert.Equal(round.Id, actual.RoundId);
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.GroupCode, actual.GroupCode);
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.Website, actual.Website);
            Assert.Equal(expected.Notes, actual.Notes);
            Assert.Equal(expected.Position, actual.Position);

            Assert.Equal(expected.Answers.Count, actual.Answers.Count);
            foreach (var expectedAnswer in expected.Answers)
            {
                var answer = Assert.Single(actual.Answers, a => a.Id == expectedAnswer.Id);
                Assert.Equal(actual.Id, answer.OrganisationId);
                Assert.Equal(expectedAnswer.IndicatorCode, answer.IndicatorCode);
                Assert.Equal(expectedAnswer.Value, answer.Value);
                Assert.Equal(expectedAnswer.Comment, answer.Comment);
                Assert.Equal(expectedAnswer.Evidence, answer.Evidence);
                Assert.Equal(expectedAnswer.CoordinatorNote, answer.CoordinatorNote);
                Assert.Equal(expectedAnswer.UpdatedBy, answer.UpdatedBy);
                Assert.Equal(expectedAnswer.UpdatedAt, answer.UpdatedAt);
                Assert.Equal(expectedAnswer.Version, answer.Version);
            }
        }

        // Every answer value, and null kept apart from the empty string.
        var answers = round.Organisations.SelectMany(o => o.Answers).ToList();
        Assert.Equal(Enum.GetValues<AnswerValue>(), answers.Select(a => a.Value).Distinct().Order());
        Assert.Contains(answers, a => a.Comment is null);
        Assert.Contains(answers, a => a.Comment == "");
        Assert.Contains(answers, a => a.UpdatedAt is null);

        Assert.Equal(Enum.GetValues<NarrativeKind>(), round.Narrative.Select(n => n.Kind).Order());
        foreach (var expected in written.Round.Narrative)
        {
            var actual = Assert.Single(round.Narrative, n => n.Kind == expected.Kind);
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(round.Id, actual.RoundId);
            Assert.Equal(expected.Markdown, actual.Markdown);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Hostile_and_unusual_text_survives_byte_for_byte(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var graph = await new GraphBuilder(database, new FrameworkBuilder().Build()).SaveAsync();
        var longText = HostileStrings.HundredKilobytes;
        Assert.True(Encoding.UTF8.GetByteCount(longText) >= 100 * 1024);

        var written = new List<Organisation>();
        await using (var db = database.NewContext())
        {
            for (var i = 0; i < HostileText.Samples.Length; i++)
            {
                var text = HostileText.Samples[i];
                var organisation = new Organisation
                {
                    RoundId = graph.Round.Id,
                    Name = text,
                    GroupCode = "AAA",
                    Website = text,
                    Notes = text + longText,
                    Position = i,
                };
                organisation.Answers.Add(new Answer
                {
                    IndicatorCode = "AAA-1.01",
                    Value = AnswerValue.Yes,
                    Comment = text,
                    Evidence = longText,
                    CoordinatorNote = text,
                    UpdatedBy = text,
                });
                db.Organisations.Add(organisation);
                written.Add(organisation);
            }

            var section = await db.NarrativeSections.SingleAsync(n => n.RoundId == graph.Round.Id && n.Kind == NarrativeKind.Obstacles, Ct);
            section.Markdown = string.Concat(HostileText.Samples) + longText;
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.NewContext())
        {
            for (var i = 0; i < HostileText.Samples.Length; i++)
            {
                var text = HostileText.Samples[i];

                // Found by an equality query on the text itself: parameters, never string-built SQL.
                var organisation = await db.Organisations.Include(o => o.Answers).SingleAsync(o => o.Name == text, Ct);
                Assert.Equal(written[i].Id, organisation.Id);
                AssertSameBytes(text, organisation.Name);
                AssertSameBytes(text, organisation.Website);
                AssertSameBytes(text + longText, organisation.Notes);
                var answer = Assert.Single(organisation.Answers);
                AssertSameBytes(text, answer.Comment);
                AssertSameBytes(longText, answer.Evidence);
                AssertSameBytes(text, answer.CoordinatorNote);
                AssertSameBytes(text, answer.UpdatedBy);
            }

            var section = await db.NarrativeSections.SingleAsync(n => n.RoundId == graph.Round.Id && n.Kind == NarrativeKind.Obstacles, Ct);
            AssertSameBytes(string.Concat(HostileText.Samples) + longText, section.Markdown);

            // The tables the SQL fragments name are still there.
            Assert.True(await db.Answers.AnyAsync(Ct));
            Assert.True(await db.Rounds.AnyAsync(Ct));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Same_indicator_twice_for_one_organisation_is_rejected(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var graph = await new GraphBuilder(database, new FrameworkBuilder().Build()).SaveAsync();
        var organisation = graph.Round.Organisations[0];
        var code = organisation.Answers[0].IndicatorCode;

        await using var db = database.NewContext();
        db.Answers.Add(new Answer { OrganisationId = organisation.Id, IndicatorCode = code, Value = AnswerValue.No });

        AssertUniqueViolation(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct)));
        await using var check = database.NewContext();
        Assert.Equal(1, await check.Answers.CountAsync(a => a.OrganisationId == organisation.Id && a.IndicatorCode == code, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Same_organisation_name_twice_in_a_round_is_rejected(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var graph = await new GraphBuilder(database, new FrameworkBuilder().Build()).SaveAsync();
        var existing = graph.Round.Organisations[0];

        await using var db = database.NewContext();
        db.Organisations.Add(new Organisation { RoundId = graph.Round.Id, Name = existing.Name, GroupCode = "BBB" });

        AssertUniqueViolation(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Same_organisation_name_in_another_round_is_allowed(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var graph = await new GraphBuilder(database, new FrameworkBuilder().Build()).SaveAsync();

        await using var db = database.NewContext();
        var nextYear = new Round { CityId = graph.City.Id, Year = 2019, StoredFrameworkId = graph.Framework.Id, CreatedAt = CreatedAt };
        nextYear.Organisations.Add(new Organisation { Name = graph.Round.Organisations[0].Name, GroupCode = "AAA" });
        db.Rounds.Add(nextYear);
        await db.SaveChangesAsync(Ct);

        Assert.Equal(2, await db.Organisations.CountAsync(o => o.Name == graph.Round.Organisations[0].Name, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Same_city_and_year_twice_is_rejected(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var graph = await new GraphBuilder(database, new FrameworkBuilder().Build()).SaveAsync();

        await using var db = database.NewContext();
        db.Rounds.Add(new Round { CityId = graph.City.Id, Year = graph.Round.Year, StoredFrameworkId = graph.Framework.Id, CreatedAt = CreatedAt });

        AssertUniqueViolation(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Stale_answer_update_throws_a_concurrency_exception_and_keeps_the_first_save(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var graph = await new GraphBuilder(database, new FrameworkBuilder().Build()).SaveAsync();
        var answerId = graph.Round.Organisations[0].Answers[0].Id;

        // Two people open the same answer.
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var mine = await first.Answers.SingleAsync(a => a.Id == answerId, Ct);
        var theirs = await second.Answers.SingleAsync(a => a.Id == answerId, Ct);
        var version = mine.Version;

        mine.Value = AnswerValue.No;
        mine.Comment = "Changed by the first person.";
        mine.Version = version + 1;
        await first.SaveChangesAsync(Ct);

        theirs.Value = AnswerValue.NotDetermined;
        theirs.Comment = "Changed by the second person, who saw the old version.";
        theirs.Version = version + 1;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));

        await using var check = database.NewContext();
        var stored = await check.Answers.SingleAsync(a => a.Id == answerId, Ct);
        Assert.Equal(AnswerValue.No, stored.Value);
        Assert.Equal("Changed by the first person.", stored.Comment);
        Assert.Equal(version + 1, stored.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Deleting_a_round_deletes_its_organisations_answers_and_narrative(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var framework = new FrameworkBuilder().Build();
        var doomed = await new GraphBuilder(database, framework).SaveAsync();
        var kept = await new GraphBuilder(database, framework, cityName: "Kept City").SaveAsync();

        // The round alone is loaded, so the children go by the database's ON DELETE CASCADE, not by EF.
        await using (var db = database.NewContext())
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == doomed.Round.Id, Ct);
            db.Rounds.Remove(round);
            await db.SaveChangesAsync(Ct);
        }

        await using var check = database.NewContext();
        var doomedOrganisations = doomed.Round.Organisations.Select(o => o.Id).ToList();
        Assert.False(await check.Rounds.AnyAsync(r => r.Id == doomed.Round.Id, Ct));
        Assert.False(await check.Organisations.AnyAsync(o => o.RoundId == doomed.Round.Id, Ct));
        Assert.False(await check.Answers.AnyAsync(a => doomedOrganisations.Contains(a.OrganisationId), Ct));
        Assert.False(await check.NarrativeSections.AnyAsync(n => n.RoundId == doomed.Round.Id, Ct));

        // Nothing else went: the city, the framework version and the other round with all its rows stay.
        Assert.True(await check.Cities.AnyAsync(c => c.Id == doomed.City.Id, Ct));
        Assert.True(await check.Frameworks.AnyAsync(f => f.Id == doomed.Framework.Id, Ct));
        Assert.Equal(kept.Round.Organisations.Count, await check.Organisations.CountAsync(o => o.RoundId == kept.Round.Id, Ct));
        Assert.Equal(kept.Round.Organisations.Sum(o => o.Answers.Count), await check.Answers.CountAsync(Ct));
        Assert.Equal(kept.Round.Narrative.Count, await check.NarrativeSections.CountAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Framework_version_used_by_a_round_cannot_be_deleted(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var graph = await new GraphBuilder(database, new FrameworkBuilder().Build()).SaveAsync();

        // The framework row alone is loaded, so it is the database's foreign key that refuses.
        await using (var db = database.NewContext())
        {
            db.Frameworks.Remove(await db.Frameworks.SingleAsync(f => f.Id == graph.Framework.Id, Ct));
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            // SQLite reports a RESTRICT action as SQLITE_CONSTRAINT_TRIGGER (1811), a deferred check as _FOREIGNKEY (787).
            AssertViolation(error, [787, 1811], PostgresErrorCodes.ForeignKeyViolation);
        }

        await using var check = database.NewContext();
        Assert.True(await check.Frameworks.AnyAsync(f => f.Id == graph.Framework.Id, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Framework_version_registered_twice_with_different_content_is_refused(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        var original = new FrameworkBuilder().WithId("mega-2018", "1.0").Build();
        var edited = new FrameworkBuilder().WithId("mega-2018", "1.0").WithIndicatorsPerStage(3).Build();

        await using var db = database.NewContext();
        var stored = await FrameworkStore.RegisterAsync(db, original, cancellationToken: Ct);
        var again = await FrameworkStore.RegisterAsync(db, original, cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<FrameworkVersionConflictException>(() => FrameworkStore.RegisterAsync(db, edited, cancellationToken: Ct));

        Assert.Equal(stored.Id, again.Id);
        Assert.Equal("mega-2018", error.FrameworkId);
        Assert.Equal("1.0", error.Version);
        Assert.Contains("new version number", error.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        var row = Assert.Single(await check.Frameworks.ToListAsync(Ct));
        Assert.Equal(FrameworkJson.Serialize(original), row.Definition);
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync(Ct);

        Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
        Assert.True(long.Parse(await PragmaAsync(db, "busy_timeout"), System.Globalization.CultureInfo.InvariantCulture) >= 1000);
        Assert.Equal("1", await PragmaAsync(db, "foreign_keys"));
        Assert.Equal("0", await PragmaAsync(db, "synchronous")); // OFF: TestDatabase.SqliteSynchronous, tests only

        // The app's own default, on the same file: FULL.
        await using var app = DatabaseServiceCollectionExtensions.CreateContext(new DatabaseOptions { ConnectionString = database.Options.ConnectionString });
        await app.Database.OpenConnectionAsync(Ct);
        Assert.Equal("2", await PragmaAsync(app, "synchronous")); // FULL, the default of Database:SqliteSynchronous
    }

    private static async Task<string> PragmaAsync(MegaBenchDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static void AssertSameBytes(string expected, string? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
    }

    /// <summary>The database refused the row because of a unique index, not for any other reason.</summary>
    private static void AssertUniqueViolation(DbUpdateException error) =>
        AssertViolation(error, [2067], PostgresErrorCodes.UniqueViolation); // SQLITE_CONSTRAINT_UNIQUE

    private static void AssertViolation(DbUpdateException error, int[] sqliteExtendedCodes, string postgresSqlState)
    {
        switch (error.InnerException)
        {
            case SqliteException sqlite:
                Assert.Contains(sqlite.SqliteExtendedErrorCode, sqliteExtendedCodes);
                break;
            case PostgresException postgres:
                Assert.Equal(postgresSqlState, postgres.SqlState);
                break;
            default:
                Assert.Fail($"Expected a constraint violation from the database, got: {error.InnerException?.GetType().Name}: {error.InnerException?.Message ?? error.Message}");
                break;
        }
    }

    /// <summary>
    /// The project's <see cref="HostileStrings"/>, plus text that trips databases in particular: PostgreSQL
    /// dollar quoting and escapes, LIKE wildcards, unnormalised combining characters (stored as given, never
    /// normalised), characters outside the Basic Multilingual Plane, and a bare CR.
    /// </summary>
    private static class HostileText
    {
        public static readonly string[] Samples =
        [
            HostileStrings.Script,
            HostileStrings.EventHandler,
            HostileStrings.JavascriptLink,
            HostileStrings.AttributeBreakout,
            HostileStrings.Sql,
            HostileStrings.Formula,
            HostileStrings.RightToLeft,
            HostileStrings.ZeroWidth,
            HostileStrings.Emoji,
            HostileStrings.Controls,
            "' OR '1'='1' /* */ ; SELECT * FROM \"Rounds\" WHERE \"Id\" LIKE '%_%' ESCAPE '\\'",
            "$$ $tag$ quoted $tag$ E'\\x00' \\ %s {0} ${env:HOME} `rm -rf /`",
            "Cafe\u0301 vs Caf\u00E9, \u1E9B\u0323, A\u030A vs \u00C5: never normalised",
            "line one\rline two\n\ttabbed   trailing spaces   ",
            "\u4E2D\u6587 \u65E5\u672C\u8A9E \uD55C\uAD6D\uC5B4 \U00020000 \U0001D11E \u200F\u200E\u2060\u00AD",
        ];
    }

    /// <summary>
    /// Writes one network, city, round (status Closed) and framework version, an organisation per group and
    /// kind, an answer of every value with every optional field set or not, and every narrative section.
    /// </summary>
    private sealed class GraphBuilder(TestDatabase database, Framework framework, string cityName = "Fictional City")
    {
        public async Task<Graph> SaveAsync()
        {
            await using var db = database.NewContext();
            var stored = await FrameworkStore.RegisterAsync(db, framework, new FakeTimeProvider(CreatedAt), Ct);
            var network = await db.Networks.SingleOrDefaultAsync(n => n.Name == "Test network", Ct)
                ?? new Network { Name = "Test network", Description = "Cities invented for tests.\nSecond line.", IsDemo = true };
            var city = new City { Name = cityName, Country = "Fictional Republic", Network = network };
            var round = new Round { City = city, Year = 2018, StoredFrameworkId = stored.Id, Status = RoundStatus.Closed, CreatedAt = CreatedAt };

            var kinds = OrganisationKind.Defaults.Select(k => k.Code).ToArray();
            var values = Enum.GetValues<AnswerValue>();
            var position = 0;
            foreach (var group in framework.Groups)
            {
                for (var n = 1; n <= 2; n++)
                {
                    var organisation = new Organisation
                    {
                        Name = $"{group.Code} organisation {n} of {cityName}",
                        GroupCode = group.Code,
                        Kind = kinds[position % kinds.Length],
                        Website = n == 1 ? $"https://{group.Code.ToLowerInvariant()}.example.org/path?q=1&r=ü" : null,
                        Notes = n == 1 ? $"Note on {group.Code} {n}: the positive answers are not supported by further information." : null,
                        Position = position++,
                    };
                    var indicators = group.Indicators.ToList();
                    for (var i = 0; i < indicators.Count; i++)
                    {
                        var value = values[(i + n) % values.Length];
                        organisation.Answers.Add(new Answer
                        {
                            IndicatorCode = indicators[i].Code,
                            Value = value,
                            Comment = (i % 3) switch { 0 => null, 1 => "", _ => $"Comment on {indicators[i].Code}: see the 2017 annual report." },
                            Evidence = i % 2 == 0 ? $"https://evidence.example.org/{indicators[i].Code}" : null,
                            CoordinatorNote = i % 4 == 0 ? "The positive answer is not supported by further detailed information." : null,
                            UpdatedBy = value == AnswerValue.Unanswered ? null : $"respondent {n}",
                            UpdatedAt = value == AnswerValue.Unanswered ? null : AnsweredAt.AddMinutes(i),
                            Version = 1 + (i % 3),
                        });
                    }

                    round.Organisations.Add(organisation);
                }
            }

            foreach (var kind in Enum.GetValues<NarrativeKind>())
            {
                round.Narrative.Add(new NarrativeSection
                {
                    Kind = kind,
                    Markdown = $"## {kind}\n\n- a *point* about {kind}\n- [a link](https://example.org/{kind})\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                });
            }

            db.Rounds.Add(round);
            await db.SaveChangesAsync(Ct);
            return new Graph(stored, network, city, round);
        }
    }

    private sealed record Graph(StoredFramework Framework, Network Network, City City, Round Round);
}
