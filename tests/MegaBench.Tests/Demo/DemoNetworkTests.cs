using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Demo;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Demo;

public sealed class DemoNetworkTests
{
    /// <summary>A framework with MEGA's four groups and three of its themes, built in code.</summary>
    private static Framework MegaLike() =>
        new FrameworkBuilder().WithId("mega-like", "1.0").WithGroups("MUN", "CCI", "BUS", "IBO").WithIndicatorsPerStage(4).Build();

    private static Task<MegaBench.Networks.Network> LoadAsync(MegaBenchDbContext db, Framework framework) =>
        DemoNetwork.EnsureLoadedAsync(db, framework, TimeProvider.System, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Demo_network_is_labelled_fictional_and_has_six_cities_in_four_countries_with_published_rounds()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var ct = TestContext.Current.CancellationToken;

        var network = await DemoNetwork.EnsureLoadedAsync(db, MegaLike(), TimeProvider.System, ct);

        Assert.True(network.IsDemo);
        Assert.Contains("fictional", network.Name, StringComparison.Ordinal);
        Assert.Contains("invented", network.Description, StringComparison.Ordinal);
        var cities = await db.Cities.Where(c => c.NetworkId == network.Id).Include(c => c.Rounds).ToListAsync(ct);
        Assert.True(cities.Count >= 6, $"{cities.Count} cities");
        Assert.True(cities.Select(c => c.Country).Distinct().Count() >= 4);
        Assert.All(cities, c => Assert.Contains(c.Rounds, r => r.Year == 2018));
        Assert.Contains(cities, c => c.Rounds.Any(r => r.Year == 2016));
        Assert.All(cities.SelectMany(c => c.Rounds), r => Assert.Equal(RoundStatus.Published, r.Status));
    }

    [Fact]
    public async Task Every_round_has_two_to_eight_organisations_in_every_group_and_a_complete_narrative()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        var framework = MegaLike();

        await LoadAsync(db, framework);

        var rounds = await db.Rounds.Include(r => r.Organisations).Include(r => r.Narrative).ToListAsync(ct);
        Assert.NotEmpty(rounds);
        foreach (var round in rounds)
        {
            foreach (var group in framework.Groups)
            {
                var count = round.Organisations.Count(o => o.GroupCode == group.Code);
                Assert.InRange(count, 2, 8);
            }

            Assert.Equal(Enum.GetValues<NarrativeKind>().Length, round.Narrative.Count);
            Assert.All(round.Narrative, n => Assert.False(string.IsNullOrWhiteSpace(n.Markdown)));
            Assert.Contains("Fictional demo content", round.Narrative.Single(n => n.Kind == NarrativeKind.NationalContext).Markdown, StringComparison.Ordinal);
        }

        var websites = await db.Organisations.Where(o => o.Website != null).Select(o => o.Website!).ToListAsync(ct);
        Assert.NotEmpty(websites);
        Assert.All(websites, w => Assert.EndsWith(".example.org", new Uri(w).Host, StringComparison.Ordinal));
        Assert.True(await db.Organisations.AnyAsync(o => o.Notes != null, ct));
    }

    [Fact]
    public async Task Every_organisation_answers_every_statement_of_its_group_with_fixed_dates()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        var framework = MegaLike();

        await LoadAsync(db, framework);

        var organisations = await db.Organisations.Include(o => o.Answers).Include(o => o.Round).ToListAsync(ct);
        foreach (var organisation in organisations)
        {
            var expected = framework.FindGroup(organisation.GroupCode)!.Indicators.Select(i => i.Code).Order(StringComparer.Ordinal);
            Assert.Equal(expected, organisation.Answers.Select(a => a.IndicatorCode).Order(StringComparer.Ordinal));
            Assert.All(organisation.Answers, a =>
            {
                Assert.NotEqual(AnswerValue.Unanswered, a.Value);
                Assert.Equal("demo", a.UpdatedBy);
                Assert.Equal(organisation.Round!.Year, a.UpdatedAt!.Value.Year);
            });

            // A published round's questionnaires were submitted and validated, not "in progress" (issue 13, fix list).
            Assert.Equal(MegaBench.Rounds.RoundStatus.Published, organisation.Round!.Status);
            Assert.True(organisation.SubmittedAt is not null && organisation.ValidatedAt is not null, $"{organisation.Name} ({organisation.Round.Year}) is not submitted and validated.");
        }

        var answers = organisations.SelectMany(o => o.Answers).ToList();
        var commented = answers.Count(a => a.Comment is not null) / (double)answers.Count;
        Assert.InRange(commented, 0.05, 0.15);
        Assert.Contains(answers, a => a.Value == AnswerValue.NotDetermined);
        Assert.Contains(answers, a => a.CoordinatorNote is not null);
    }

    [Fact]
    public async Task Loading_again_adds_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var framework = MegaLike();
        var first = await DemoNetwork.EnsureLoadedAsync(db, framework, TimeProvider.System, TestContext.Current.CancellationToken);
        var before = await RoundFiles.CountRowsAsync(db);

        await using var again = database.NewContext();
        var second = await DemoNetwork.EnsureLoadedAsync(again, framework, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(before, await RoundFiles.CountRowsAsync(again));
    }

    [Fact]
    public async Task Two_loads_into_two_databases_give_the_same_rounds()
    {
        await using var one = await TestDatabase.CreateAsync();
        await using var two = await TestDatabase.CreateAsync();
        var framework = MegaLike();

        var first = await ExportAllAsync(one, framework);
        var second = await ExportAllAsync(two, framework);

        Assert.Equal(first.Count, second.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task City_profiles_differ_as_described()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var framework = MegaLike();
        await LoadAsync(db, framework);

        var finance = await ShareOfYesAsync(db, framework, "Port Alder", i => i.Themes.Contains("finance"));
        var data = await ShareOfYesAsync(db, framework, "Valmeria", i => i.Themes.Contains("data"));
        var networking = await ShareOfYesAsync(db, framework, "Lindqvarn", i => i.Themes.Contains("networking"));
        var chambers = await ShareOfYesAsync(db, framework, "Oriana Bay", i => i.Group == "CCI");

        foreach (var other in new[] { "Kessmoor", "Tavrenne" })
        {
            Assert.True(finance > await ShareOfYesAsync(db, framework, other, i => i.Themes.Contains("finance")), $"finance vs {other}");
            Assert.True(data > await ShareOfYesAsync(db, framework, other, i => i.Themes.Contains("data")), $"data vs {other}");
            Assert.True(networking > await ShareOfYesAsync(db, framework, other, i => i.Themes.Contains("networking")), $"networking vs {other}");
            Assert.True(chambers > await ShareOfYesAsync(db, framework, other, i => i.Group == "CCI"), $"chambers vs {other}");
        }

        Assert.True(finance > await ShareOfYesAsync(db, framework, "Valmeria", i => i.Themes.Contains("finance")));
        Assert.True(data > await ShareOfYesAsync(db, framework, "Port Alder", i => i.Themes.Contains("data")));

        var overall = new Dictionary<string, double>();
        foreach (var city in DemoCities.All)
        {
            overall[city.Name] = await ShareOfYesAsync(db, framework, city.Name, _ => true);
        }

        Assert.Equal("Kessmoor", overall.MinBy(kv => kv.Value).Key);
        Assert.True(overall["Kessmoor"] < 0.35, $"the weak city says yes to {overall["Kessmoor"]:P0}");
    }

    [Fact]
    public async Task Demo_works_with_a_framework_of_other_groups()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var framework = new FrameworkBuilder().Build();

        await LoadAsync(db, framework);

        var groups = await db.Organisations.Select(o => o.GroupCode).Distinct().OrderBy(g => g).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["AAA", "BBB"], groups);
    }

    [Fact]
    public async Task Demo_on_the_mega_2018_file_has_every_group_in_every_round_and_the_described_profiles()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        var mega = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));

        await LoadAsync(db, mega);

        var rounds = await db.Rounds.Include(r => r.Organisations).ThenInclude(o => o.Answers).ToListAsync(ct);
        Assert.Equal(9, rounds.Count);
        foreach (var round in rounds)
        {
            foreach (var group in new[] { "MUN", "CCI", "BUS", "IBO" })
            {
                Assert.InRange(round.Organisations.Count(o => o.GroupCode == group), 2, 8);
            }

            Assert.All(round.Organisations, o => Assert.Equal(mega.FindGroup(o.GroupCode)!.Indicators.Count(), o.Answers.Count));
        }

        Assert.True(
            await ShareOfYesAsync(db, mega, "Port Alder", i => i.Themes.Contains("finance"))
            > await ShareOfYesAsync(db, mega, "Kessmoor", i => i.Themes.Contains("finance")) + 0.2);
        Assert.True(
            await ShareOfYesAsync(db, mega, "Valmeria", i => i.Themes.Contains("data"))
            > await ShareOfYesAsync(db, mega, "Port Alder", i => i.Themes.Contains("data")) + 0.2);
        Assert.True(
            await ShareOfYesAsync(db, mega, "Lindqvarn", i => i.Themes.Contains("language") || i.Themes.Contains("networking"))
            > await ShareOfYesAsync(db, mega, "Tavrenne", i => i.Themes.Contains("language") || i.Themes.Contains("networking")));
        Assert.True(
            await ShareOfYesAsync(db, mega, "Oriana Bay", i => i.Group == "CCI" && i.Stage == 3)
            > await ShareOfYesAsync(db, mega, "Tavrenne", i => i.Group == "CCI" && i.Stage == 3));
        var mayShare = await db.NarrativeSections
            .Where(n => n.Round!.City!.Name == "Port Alder" && n.Round.Year == 2018 && n.Kind == NarrativeKind.MayShare)
            .Select(n => n.Markdown).SingleAsync(ct);
        Assert.Contains(mega.FindTheme("finance")!.Name.Source, mayShare, StringComparison.Ordinal);
    }

    /// <summary>The share of yes among yes and no, over a city's latest round and the indicators selected.</summary>
    private static async Task<double> ShareOfYesAsync(MegaBenchDbContext db, Framework framework, string city, Func<Indicator, bool> select)
    {
        var codes = framework.Indicators.Where(select).Select(i => i.Code).ToHashSet();
        var values = await db.Answers
            .Where(a => a.Organisation!.Round!.City!.Name == city && a.Organisation.Round.Year == 2018)
            .Select(a => new { a.IndicatorCode, a.Value })
            .ToListAsync(TestContext.Current.CancellationToken);
        var chosen = values.Where(v => codes.Contains(v.IndicatorCode)).ToList();
        var yes = chosen.Count(v => v.Value == AnswerValue.Yes);
        var no = chosen.Count(v => v.Value == AnswerValue.No);
        return yes / (double)(yes + no);
    }

    private static async Task<List<string>> ExportAllAsync(TestDatabase database, Framework framework)
    {
        await using var db = database.NewContext();
        await LoadAsync(db, framework);
        var ids = await db.Rounds.OrderBy(r => r.City!.Name).ThenBy(r => r.Year).Select(r => r.Id).ToListAsync(TestContext.Current.CancellationToken);
        var files = new List<string>();
        foreach (var id in ids)
        {
            files.Add(System.Text.Encoding.UTF8.GetString(await RoundFiles.ExportAsync(db, id)));
        }

        return files;
    }

    [Fact]
    public async Task Demo_has_a_finished_published_cycle_followed_up_by_the_next_round_and_one_in_progress()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        var mega = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));

        var network = await LoadAsync(db, mega);

        var cycles = await db.LearningCycles.Where(c => c.NetworkId == network.Id)
            .Include(c => c.Reviews).ThenInclude(r => r.HostRound)
            .Include(c => c.Reviews).ThenInclude(r => r.Actions)
            .Include(c => c.Reviews).ThenInclude(r => r.Meetings)
            .AsSplitQuery().ToListAsync(ct);
        Assert.Equal(2, cycles.Count);
        Assert.All(cycles, c => Assert.Equal(CycleStatus.Started, c.Status));
        Assert.All(cycles, c => Assert.Null(CycleRules.CheckDates(c.DeskReviewDue, c.VisitDue, c.FeedbackDue, c.ActionPlanDue, c.FollowUpDue)));

        var finished = cycles.Single(c => c.Name == "2016–2017 peer reviews");
        Assert.Equal(2, finished.Reviews.Count);
        Assert.All(finished.Reviews, r =>
        {
            Assert.Equal(2016, r.HostRound!.Year);
            Assert.Equal(ReviewStage.Done, CycleRules.StageOf(r, laterRoundPublished: true));
            Assert.NotNull(r.PublishedAt);
            Assert.NotEmpty(r.Actions);
            Assert.All(r.Actions.SelectMany(a => a.StatementList), code => Assert.NotNull(mega.FindIndicator(code)));
            Assert.All(r.Meetings, m => Assert.Equal(r.HostRoundId, db.Organisations.Single(o => o.Id == m.OrganisationId).RoundId));
        });

        // The cycle in progress is the matching's: every city of the network reviews one partner and is reviewed once.
        var inProgress = cycles.Single(c => c != finished);
        var cities = await db.Cities.CountAsync(c => c.NetworkId == network.Id, ct);
        Assert.Equal(cities, inProgress.Reviews.Select(r => r.HostCityId).Distinct().Count());
        Assert.Equal(cities, inProgress.Reviews.Select(r => r.ReviewerCityId).Distinct().Count());
        Assert.All(inProgress.Reviews, r => Assert.Null(r.PublishedAt));
        Assert.Contains(inProgress.Reviews, r => CycleRules.StageOf(r, false) == ReviewStage.Visit);
        Assert.Contains(inProgress.Reviews, r => CycleRules.StageOf(r, false) == ReviewStage.DeskReview);
        Assert.True(inProgress.DeskReviewDue > DateOnly.FromDateTime(DateTime.UtcNow), "the cycle in progress has its dates ahead");
    }
}
