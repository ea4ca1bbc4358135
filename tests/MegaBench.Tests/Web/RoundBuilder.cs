using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web;

/// <summary>
/// Builds a network, a city and one round with organisations and answers, straight into a test database.
/// By default: the <see cref="FrameworkBuilder"/> framework (groups AAA and BBB, two statements per stage),
/// "Test network", the city "Testville" (France), an open 2026 round and no organisation.
/// </summary>
public sealed class RoundBuilder
{
    private readonly List<(string Name, string Group, string? Notes, OrganisationKind Kind, AnswerSpec[] Answers)> _organisations = [];
    private readonly List<(NarrativeKind Kind, string Markdown)> _narrative = [];
    private Framework _framework = new FrameworkBuilder().Build();
    private string _network = "Test network";
    private bool _isDemo;
    private string _city = "Testville";
    private string _country = "France";
    private int _year = 2026;
    private RoundStatus _status = RoundStatus.Open;

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

    /// <summary>Adds an organisation; columns follow the order of these calls.</summary>
    public RoundBuilder WithOrganisation(string name, string group, string? notes = null, params AnswerSpec[] answers)
    {
        _organisations.Add((name, group, notes, OrganisationKind.Other, answers));
        return this;
    }

    public RoundBuilder WithNarrative(NarrativeKind kind, string markdown)
    {
        _narrative.Add((kind, markdown));
        return this;
    }

    public async Task<BuiltRound> BuildAsync(TestDatabase database)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var stored = await FrameworkStore.RegisterAsync(db, _framework, cancellationToken: cancellationToken);
        var network = new Network { Name = _network, IsDemo = _isDemo };
        var city = new City { Name = _city, Country = _country, Network = network };
        var round = new Round { City = city, Year = _year, StoredFrameworkId = stored.Id, Status = _status, CreatedAt = DateTimeOffset.UnixEpoch };
        var position = 0;
        foreach (var (name, group, notes, kind, answers) in _organisations)
        {
            var organisation = new Organisation { Name = name, GroupCode = group, Notes = notes, Kind = kind, Position = ++position };
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
        return new BuiltRound(network.Id, city.Id, round.Id, round.Organisations.ToDictionary(o => o.Name, o => o.Id), _framework);
    }
}

/// <summary>One answer to put in the database: <c>new("AAA-1.01", AnswerValue.Yes, Comment: "...")</c>.</summary>
public sealed record AnswerSpec(string Code, AnswerValue Value, string? Comment = null, string? Note = null);

public sealed record BuiltRound(int NetworkId, int CityId, int RoundId, IReadOnlyDictionary<string, int> Organisations, Framework Framework);
