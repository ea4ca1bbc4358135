using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Scoring;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Learning;

public sealed class FollowUpTests
{
    private static readonly Framework Full = new FrameworkBuilder().Build();

    /// <summary>The same framework without the second statement of each group and stage (AAA-1.02 and the like).</summary>
    private static readonly Framework Smaller = new FrameworkBuilder().WithId("test-fw", "2.0").WithIndicatorsPerStage(1).Build();

    /// <summary>
    /// Rounds written as "GROUP:Name=yes-code,yes-code; ...", the action's statements, and the follow-up written as
    /// "Name[code move, ...] ... | improved codes | not in later: codes | joined: names | left: names".
    /// </summary>
    [Theory]
    [InlineData("one organisation newly meets: improved",
        "AAA:A chamber=", "AAA:A chamber=AAA-1.01", "AAA-1.01",
        "A chamber[AAA-1.01 NewlyMet] | improved AAA-1.01 | not in later: | joined: | left:")]
    [InlineData("one newly meets, another loses: not improved",
        "AAA:A chamber=; AAA:A bank=AAA-1.01", "AAA:A chamber=AAA-1.01; AAA:A bank=", "AAA-1.01",
        "A chamber[AAA-1.01 NewlyMet] A bank[AAA-1.01 Lost] | improved | not in later: | joined: | left:")]
    [InlineData("one newly meets, another met it both times: improved",
        "AAA:A chamber=; AAA:A bank=AAA-1.01", "AAA:A chamber=AAA-1.01; AAA:A bank=AAA-1.01", "AAA-1.01",
        "A chamber[AAA-1.01 NewlyMet] A bank[AAA-1.01 MetBoth] | improved AAA-1.01 | not in later: | joined: | left:")]
    [InlineData("unchanged both ways: not improved",
        "AAA:A chamber=AAA-1.01", "AAA:A chamber=AAA-1.01", "AAA-1.01 AAA-1.02",
        "A chamber[AAA-1.01 MetBoth, AAA-1.02 UnmetBoth] | improved | not in later: | joined: | left:")]
    [InlineData("lost only: not improved",
        "AAA:A chamber=AAA-1.01", "AAA:A chamber=", "AAA-1.01",
        "A chamber[AAA-1.01 Lost] | improved | not in later: | joined: | left:")]
    [InlineData("an organisation that joined does not count, even when it meets the statement",
        "AAA:A chamber=", "AAA:A chamber=; AAA:New incubator=AAA-1.01", "AAA-1.01",
        "A chamber[AAA-1.01 UnmetBoth] | improved | not in later: | joined: New incubator | left:")]
    [InlineData("an organisation that left does not count, even when it met the statement",
        "AAA:A chamber=; AAA:Old bank=AAA-1.01", "AAA:A chamber=AAA-1.01", "AAA-1.01",
        "A chamber[AAA-1.01 NewlyMet] | improved AAA-1.01 | not in later: | joined: | left: Old bank")]
    [InlineData("organisations match ignoring case and surrounding spaces, as the round comparison matches them",
        "AAA:A Chamber=", "AAA: a chamber =AAA-2.01", "AAA-2.01",
        " a chamber [AAA-2.01 NewlyMet] | improved AAA-2.01 | not in later: | joined: | left:")]
    [InlineData("a statement concerns only the organisations of its group",
        "AAA:A chamber=; BBB:A association=", "AAA:A chamber=AAA-1.01; BBB:A association=BBB-1.01", "BBB-1.01",
        "A association[BBB-1.01 NewlyMet] | improved BBB-1.01 | not in later: | joined: | left:")]
    [InlineData("several statements of several groups: each judged on its own",
        "AAA:A chamber=AAA-3.01; BBB:A association=", "AAA:A chamber=AAA-1.01; BBB:A association=BBB-1.01", "AAA-1.01 AAA-3.01 BBB-1.01 BBB-2.01",
        "A chamber[AAA-1.01 NewlyMet, AAA-3.01 Lost] A association[BBB-1.01 NewlyMet, BBB-2.01 UnmetBoth] | improved AAA-1.01 BBB-1.01 | not in later: | joined: | left:")]
    [InlineData("no organisation of the statement's group in both rounds: not improved",
        "AAA:A chamber=", "AAA:A chamber=AAA-1.01", "BBB-1.01",
        " | improved | not in later: | joined: | left:")]
    public void Follow_up_reports_each_organisations_move_and_what_improved(string _, string earlier, string later, string statements, string expected)
    {
        var comparison = RoundComparison.Compare(Scored(Full, 2024, earlier), Scored(Full, 2025, later));

        var followUp = FollowUp.Of(statements.Split(' '), comparison);

        Assert.Equal(expected, Describe(followUp));
    }

    [Fact]
    public void Statement_absent_from_the_later_framework_is_listed_apart_and_not_compared()
    {
        var comparison = RoundComparison.Compare(
            Scored(Full, 2024, "AAA:A chamber="),
            Scored(Smaller, 2025, "AAA:A chamber=AAA-1.01"));

        var followUp = FollowUp.Of(["AAA-1.01", "AAA-1.02"], comparison);

        Assert.Equal("A chamber[AAA-1.01 NewlyMet] | improved AAA-1.01 | not in later: AAA-1.02 | joined: | left:", Describe(followUp));
        Assert.Equal(new StatementShare(1, 1), FollowUp.ShareOf([["AAA-1.01"], ["AAA-1.02"]], comparison));
    }

    [Theory]
    [InlineData(new[] { "AAA-1.01" }, new[] { "AAA-1.01" }, 1, 1)] // one statement linked twice counts once
    [InlineData(new[] { "AAA-1.01", "AAA-1.02" }, new[] { "AAA-2.01" }, 1, 3)]
    [InlineData(new string[0], new string[0], 0, 0)]
    public void Share_counts_each_linked_statement_of_a_review_once(string[] first, string[] second, int improved, int compared)
    {
        var comparison = RoundComparison.Compare(Scored(Full, 2024, "AAA:A chamber=AAA-2.01"), Scored(Full, 2025, "AAA:A chamber=AAA-1.01 AAA-2.01"));

        var share = FollowUp.ShareOf([first, second], comparison);

        Assert.Equal(new StatementShare(improved, compared), share);
        Assert.Equal(compared == 0 ? null : 100.0 * improved / compared, share.Percent);
    }

    [Fact]
    public async Task Later_round_is_the_hosts_next_published_round_and_none_before_it_is_published()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        var reviewed = await db.Rounds.FindAsync([built.RoundA], ct);

        Assert.Null(await FollowUp.ComparisonAsync(db, reviewed!, ct));

        var framework = reviewed!.StoredFrameworkId;
        db.Rounds.Add(new Round { CityId = built.CityA, Year = 2027, StoredFrameworkId = framework, Status = RoundStatus.Published });
        db.Rounds.Add(new Round { CityId = built.CityA, Year = 2025, StoredFrameworkId = framework, Status = RoundStatus.Open });
        db.Rounds.Add(new Round { CityId = built.CityB, Year = 2025, StoredFrameworkId = framework, Status = RoundStatus.Published });
        db.Rounds.Add(new Round { CityId = built.CityA, Year = 2023, StoredFrameworkId = framework, Status = RoundStatus.Published });
        var next = new Round { CityId = built.CityA, Year = 2026, StoredFrameworkId = framework, Status = RoundStatus.Published };
        db.Rounds.Add(next);
        await db.SaveChangesAsync(ct);

        Assert.Equal(next.Id, await FollowUp.LaterRoundIdAsync(db, reviewed, ct));
        Assert.Equal(2026, (await FollowUp.ComparisonAsync(db, reviewed, ct))!.Later.Round.Year);
    }

    internal static ScoredRound Scored(Framework framework, int year, string organisations)
    {
        var list = new List<Organisation>();
        var position = 0;
        foreach (var spec in organisations.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var group = spec[..spec.IndexOf(':', StringComparison.Ordinal)].Trim();
            var rest = spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var name = rest[..rest.IndexOf('=', StringComparison.Ordinal)];
            var organisation = new Organisation { Id = (year * 100) + ++position, Name = name, GroupCode = group, Position = position };
            foreach (var code in rest[(rest.IndexOf('=', StringComparison.Ordinal) + 1)..].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                organisation.Answers.Add(new Answer { IndicatorCode = code, Value = AnswerValue.Yes });
            }

            list.Add(organisation);
        }

        var round = new Round { Id = year, CityId = 1, Year = year, Status = RoundStatus.Published };
        return new ScoredRound(round, framework, list, Scorer.Score(framework, RoundScores.ToAnswers(list)));
    }

    private static string Describe(ActionFollowUp followUp) =>
        string.Join(" ", followUp.Organisations.Select(o => $"{o.Name}[{string.Join(", ", o.Statements.Select(s => $"{s.Code} {s.Move}"))}]"))
        + $" | improved{string.Concat(followUp.Improved.Select(c => " " + c))}"
        + $" | not in later:{string.Concat(followUp.NotInLaterFramework.Select(c => " " + c))}"
        + $" | joined:{string.Concat(followUp.Joined.Select(o => " " + o.Name))}"
        + $" | left:{string.Concat(followUp.Left.Select(o => " " + o.Name))}";
}
