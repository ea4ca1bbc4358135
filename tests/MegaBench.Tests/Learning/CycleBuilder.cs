using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Learning;

/// <summary>
/// A network "North" with two cities, Aville and Bville, each with a published 2024 round on the test framework
/// (organisations "A chamber" / "B chamber" in group AAA, and "A association" in BBB for Aville), and a learning
/// cycle in which Bville reviews Aville and Aville reviews Bville. Started unless <see cref="Preparing"/>; the
/// review of Aville published with <see cref="PublishedForAville"/>.
/// </summary>
public sealed class CycleBuilder
{
    private bool _preparing;
    private bool _published;
    private string _name = "2024–2025 peer reviews";
    private Framework _framework = new FrameworkBuilder().Build();

    public CycleBuilder Preparing()
    {
        _preparing = true;
        return this;
    }

    public CycleBuilder PublishedForAville()
    {
        _published = true;
        return this;
    }

    public CycleBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public CycleBuilder WithFramework(Framework framework)
    {
        _framework = framework;
        return this;
    }

    public async Task<BuiltCycle> BuildAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var stored = await FrameworkStore.RegisterAsync(db, _framework, cancellationToken: ct);
        var network = new Network { Name = "North" };
        var a = new City { Name = "Aville", Country = "France", Network = network };
        var b = new City { Name = "Bville", Country = "Italy", Network = network };
        Round RoundOf(City city, params (string Name, string Group, AnswerValue Value)[] organisations)
        {
            var round = new Round { City = city, Year = 2024, StoredFrameworkId = stored.Id, Status = RoundStatus.Published, CreatedAt = DateTimeOffset.UnixEpoch };
            var position = 0;
            foreach (var (name, group, value) in organisations)
            {
                var organisation = new Organisation { Name = name, GroupCode = group, Position = ++position };
                organisation.Answers.Add(new Answer { IndicatorCode = $"{group}-1.01", Value = value, UpdatedBy = "builder", UpdatedAt = DateTimeOffset.UnixEpoch });
                round.Organisations.Add(organisation);
            }

            db.Rounds.Add(round);
            return round;
        }

        var roundA = RoundOf(a, ("A chamber", "AAA", AnswerValue.No), ("A association", "BBB", AnswerValue.Yes));
        var roundB = RoundOf(b, ("B chamber", "AAA", AnswerValue.Yes));
        var cycle = new LearningCycle
        {
            Network = network,
            Name = _name,
            Status = _preparing ? CycleStatus.Preparing : CycleStatus.Started,
            DeskReviewDue = new DateOnly(2025, 2, 1),
            VisitDue = new DateOnly(2025, 4, 1),
            FeedbackDue = new DateOnly(2025, 5, 1),
            ActionPlanDue = new DateOnly(2025, 7, 1),
            FollowUpDue = new DateOnly(2026, 7, 1),
            CreatedAt = DateTimeOffset.UnixEpoch,
            StartedAt = _preparing ? null : DateTimeOffset.UnixEpoch,
        };
        var ofA = new PeerReview { GroupNumber = 1, HostCity = a, ReviewerCity = b, HostRound = roundA, ReviewerRound = roundB, GapThemes = _framework.Themes[0].Code, PublishedAt = _published ? DateTimeOffset.UnixEpoch : null };
        var ofB = new PeerReview { GroupNumber = 1, HostCity = b, ReviewerCity = a, HostRound = roundB, ReviewerRound = roundA, GapThemes = "" };
        cycle.Reviews.Add(ofA);
        cycle.Reviews.Add(ofB);
        db.LearningCycles.Add(cycle);
        await db.SaveChangesAsync(ct);

        var coordinatorOfA = $"aville-{Guid.NewGuid():N}@example.org";
        var coordinatorOfB = $"bville-{Guid.NewGuid():N}@example.org";
        await TestAccounts.CreateAsync(database, coordinatorOfA, TestRole.CoordinatorOf(a.Id));
        await TestAccounts.CreateAsync(database, coordinatorOfB, TestRole.CoordinatorOf(b.Id));
        return new BuiltCycle(network.Id, cycle.Id, a.Id, b.Id, roundA.Id, roundB.Id, ofA.Id, ofB.Id,
            roundA.Organisations.ToDictionary(o => o.Name, o => o.Id), coordinatorOfA, coordinatorOfB, _framework);
    }
}

/// <param name="ReviewOfA">Aville hosts, Bville reviews.</param>
/// <param name="ReviewOfB">Bville hosts, Aville reviews.</param>
/// <param name="OrganisationsOfA">Aville's organisations by name.</param>
/// <param name="CoordinatorOfA">E-mail of an account that coordinates Aville (password <see cref="TestAccounts.Password"/>).</param>
public sealed record BuiltCycle(
    int NetworkId, int CycleId, int CityA, int CityB, int RoundA, int RoundB, int ReviewOfA, int ReviewOfB,
    IReadOnlyDictionary<string, int> OrganisationsOfA, string CoordinatorOfA, string CoordinatorOfB, Framework Framework);
