using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;

namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// Builds a network, a city and one round with organisations and answers, straight into a test database.
/// <para><c>new RoundBuilder()</c>: the <see cref="FrameworkBuilder"/> framework (groups AAA and BBB, two statements
/// per stage), "Test network", the city "Testville" (France), an open 2026 round and no organisation but those
/// added with <see cref="WithOrganisation"/>.</para>
/// <para><see cref="Rich"/>: the hardest case for a lossless format — every answer value, unanswered rows, comments,
/// evidence, coordinator notes, organisation notes, empty and missing texts, times to the microsecond, and hostile
/// or non-Latin text (quotes, markup, formulas, emoji, right-to-left script, control characters) in a closed 2018
/// round; <see cref="Minimal"/> and <see cref="WithText"/> keep its network and city with one organisation only.</para>
/// </summary>
public sealed class RoundBuilder
{
    /// <summary>Every short hostile string at once, plus a backslash and a control character JSON must escape.</summary>
    public static readonly string Hostile = string.Join(
        " | ",
        HostileStrings.Script,
        HostileStrings.EventHandler,
        HostileStrings.AttributeBreakout,
        HostileStrings.Sql,
        HostileStrings.Formula,
        HostileStrings.RightToLeft,
        HostileStrings.ZeroWidth,
        HostileStrings.Emoji,
        HostileStrings.Controls,
        "back\\slash",
        "bell\u0007");

    /// <summary>Hostile text short enough for a name (200 characters at most).</summary>
    public static readonly string HostileName = HostileStrings.AttributeBreakout + " " + HostileStrings.RightToLeft + " " + HostileStrings.Emoji;

    private enum Seed
    {
        /// <summary>Only the organisations of <see cref="WithOrganisation"/>.</summary>
        None,

        /// <summary>Three organisations a group with every answer value, and every narrative section.</summary>
        Rich,

        /// <summary>One organisation with one answer (and <see cref="_text"/> in every free-text field when set).</summary>
        Minimal,
    }

    private readonly List<(string Name, string Group, string? Notes, string? Kind, AnswerSpec[] Answers)> _organisations = [];
    private readonly List<(NarrativeKind Kind, string Markdown)> _narrative = [];
    private Framework _framework = new FrameworkBuilder().Build();
    private string _network = "Test network";
    private string? _networkDescription;
    private bool _isDemo;
    private string _city = "Testville";
    private string _country = "France";
    private int _year = 2026;
    private RoundStatus _status = RoundStatus.Open;
    private Seed _seed = Seed.None;
    private string? _text;

    /// <summary>The lossless-format case (see the class summary): a closed 2018 round in a hostile-named network and city.</summary>
    public static RoundBuilder Rich() => new()
    {
        _network = "Réseau « test » ✓",
        _networkDescription = "Line one.\nLine two: " + Hostile,
        _city = "Zürich-sur-Mer",
        _country = "Ατλαντίδα",
        _year = 2018,
        _status = RoundStatus.Closed,
        _seed = Seed.Rich,
    };

    public RoundBuilder WithFramework(Framework framework)
    {
        _framework = framework;
        return this;
    }

    public RoundBuilder InNetwork(string name, bool isDemo = false)
    {
        _network = name;
        _isDemo = isDemo;
        return this;
    }

    public RoundBuilder ForCity(string name, string country = "France")
    {
        _city = name;
        _country = country;
        return this;
    }

    public RoundBuilder InYear(int year)
    {
        _year = year;
        return this;
    }

    public RoundBuilder WithStatus(RoundStatus status)
    {
        _status = status;
        return this;
    }

    /// <summary>Adds an organisation of the framework's <c>other</c> kind (its first kind if it has none); columns follow the order of these calls.</summary>
    public RoundBuilder WithOrganisation(string name, string group, string? notes = null, params AnswerSpec[] answers)
    {
        _organisations.Add((name, group, notes, null, answers));
        return this;
    }

    public RoundBuilder WithNarrative(NarrativeKind kind, string markdown)
    {
        _narrative.Add((kind, markdown));
        return this;
    }

    /// <summary>One organisation with one plain answer, for tests about something else.</summary>
    public RoundBuilder Minimal()
    {
        _seed = Seed.Minimal;
        return this;
    }

    /// <summary>Puts <paramref name="text"/> in every free-text field of a minimal round (names get a prefix, to stay unique).</summary>
    public RoundBuilder WithText(string text)
    {
        _text = text;
        _seed = Seed.Minimal;
        return this;
    }

    /// <summary>Saves the round in its own context and returns the ids a test addresses pages with.</summary>
    public async Task<BuiltRound> BuildAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.NewContext();
        var round = await SaveAsync(db);
        return new BuiltRound(round.City!.NetworkId, round.CityId, round.Id, round.Organisations.ToDictionary(o => o.Name, o => o.Id), _framework);
    }

    /// <summary>Saves the round in <paramref name="db"/> and returns it, tracked.</summary>
    public async Task<Round> SaveAsync(MegaBenchDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cancellationToken = TestContext.Current.CancellationToken;
        var stored = await FrameworkStore.RegisterAsync(db, _framework, cancellationToken: cancellationToken);
        var network = new Network { Name = _network, Description = _networkDescription, IsDemo = _isDemo };
        var city = new City { Name = _city, Country = _country, Network = network };
        var round = new Round
        {
            City = city,
            Year = _year,
            Framework = stored,
            Status = _status,
            CreatedAt = _seed == Seed.None ? DateTimeOffset.UnixEpoch : new DateTimeOffset(_year, 3, 1, 10, 15, 30, 123, 456, TimeSpan.Zero),
        };

        var groups = _framework.Groups;
        switch (_seed)
        {
            case Seed.Rich:
                AddRichOrganisations(round, groups, _framework.OrganisationKinds);
                break;
            case Seed.Minimal:
                AddMinimalOrganisation(round, groups);
                break;
        }

        var position = round.Organisations.Count;
        foreach (var (name, group, notes, kind, answers) in _organisations)
        {
            var organisation = new Organisation { Name = name, GroupCode = group, Notes = notes, Kind = kind ?? (_framework.FindOrganisationKind(RoundSuccession.OtherKind) ?? _framework.OrganisationKinds[0]).Code, Position = ++position };
            foreach (var answer in answers)
            {
                organisation.Answers.Add(new Answer
                {
                    IndicatorCode = answer.Code,
                    Value = answer.Value,
                    Comment = answer.Comment,
                    CoordinatorNote = answer.Note,
                    UpdatedBy = "builder",
                    UpdatedAt = DateTimeOffset.UnixEpoch,
                });
            }

            round.Organisations.Add(organisation);
        }

        foreach (var (kind, markdown) in _narrative)
        {
            round.Narrative.Add(new NarrativeSection { Kind = kind, Markdown = markdown });
        }

        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        return round;
    }

    private void AddMinimalOrganisation(Round round, IReadOnlyList<StakeholderGroup> groups)
    {
        var name = _text is null ? "Only organisation" : "Organisation " + _text;
        var only = new Organisation
        {
            Name = name.Length > 200 ? name[..200] : name,
            GroupCode = groups[0].Code,
            Kind = _framework.OrganisationKinds[0].Code,
            Notes = _text,
            Position = 1,
        };
        only.Answers.Add(new Answer
        {
            IndicatorCode = groups[0].Indicators.First().Code,
            Value = AnswerValue.Yes,
            Comment = _text,
            Evidence = _text,
            CoordinatorNote = _text,
            Version = 1,
        });
        round.Organisations.Add(only);
        if (_text is not null)
        {
            round.Narrative.Add(new NarrativeSection { Kind = NarrativeKind.PromisingPractices, Markdown = _text });
        }
    }

    private static void AddRichOrganisations(Round round, IReadOnlyList<StakeholderGroup> groups, IReadOnlyList<OrganisationKind> frameworkKinds)
    {
        var values = Enum.GetValues<AnswerValue>();
        var kinds = frameworkKinds.Select(k => k.Code).ToArray();
        var n = 0;
        foreach (var group in groups)
        {
            // Positions deliberately out of insertion order, with a tie broken by name.
            int[] positions = [2, 1, 1];
            for (var i = 0; i < positions.Length; i++)
            {
                var organisation = new Organisation
                {
                    Name = i == 2 ? $"{group.Code} Ärzte-Verein «{i}» " + HostileName : $"{group.Code} organisation {i}",
                    GroupCode = group.Code,
                    Kind = kinds[n % kinds.Length],
                    Website = i == 0 ? $"https://org{i}.example.org/path?q=a&b=\"c\"" : null,
                    Notes = i switch { 0 => "Note: " + Hostile, 1 => "", _ => null },
                    Position = positions[i],
                };
                var indicators = group.Indicators.ToList();

                // The last indicator is left without a row, to show that a missing row stays missing.
                for (var k = 0; k < indicators.Count - 1; k++)
                {
                    n++;
                    organisation.Answers.Add(new Answer
                    {
                        IndicatorCode = indicators[k].Code,
                        Value = values[(k + i) % values.Length],
                        Comment = n % 3 == 0 ? $"Comment {n}: " + Hostile : n % 7 == 0 ? "" : null,
                        Evidence = n % 4 == 0 ? "https://evidence.example.org/" + n : null,
                        CoordinatorNote = n % 5 == 0 ? "The positive answer is not supported by further detailed information." : null,
                        UpdatedBy = n % 6 == 0 ? null : "coordinator ✓ " + n,
                        UpdatedAt = n % 6 == 0 ? null : new DateTimeOffset(2018, 5, 14, 10, 30, 0, TimeSpan.Zero).AddTicks(n * 10),
                        Version = 1 + (n % 3),
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
                Markdown = kind == NarrativeKind.Obstacles ? "" : $"## {kind}\n\n- point *one*\n- point `two` " + Hostile,
            });
        }
    }
}

/// <summary>One answer to put in the database: <c>new("AAA-1.01", AnswerValue.Yes, Comment: "...")</c>.</summary>
public sealed record AnswerSpec(string Code, AnswerValue Value, string? Comment = null, string? Note = null);

public sealed record BuiltRound(int NetworkId, int CityId, int RoundId, IReadOnlyDictionary<string, int> Organisations, Framework Framework);
