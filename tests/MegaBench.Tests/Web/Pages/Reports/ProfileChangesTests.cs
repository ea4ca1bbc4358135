using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Pages.Reports;

/// <summary>"What changed" on the city profile, between rounds on two versions of a framework.</summary>
public sealed class ProfileChangesTests
{
    /// <summary>
    /// 2025 on version 1.0 (two statements per stage), 2026 on version 2.0 (three per stage, so AAA-1.03 and the
    /// other .03 statements exist only in 2026). Alpha gains AAA-2.01 and loses AAA-1.01; " beta " is Beta
    /// (case and spaces aside) and gains AAA-1.01; Gamma joins in 2026; Delta left.
    /// </summary>
    private static async Task<(int Earlier, int Later)> BuildAsync(TestDatabase database)
    {
        var earlier = await new RoundBuilder()
            .InYear(2025)
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", null,
                new AnswerSpec("AAA-1.01", AnswerValue.Yes),
                new AnswerSpec("AAA-1.02", AnswerValue.Yes))
            .WithOrganisation("Beta", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No))
            .WithOrganisation("Delta", "BBB", null, new AnswerSpec("BBB-1.01", AnswerValue.Yes))
            .BuildAsync(database);

        await using var db = database.NewContext();
        var stored = await FrameworkStore.RegisterAsync(db, new FrameworkBuilder().WithId("test-fw", "2.0").WithIndicatorsPerStage(3).Build(), cancellationToken: Ct);
        var round = new Round { CityId = earlier.CityId, Year = 2026, StoredFrameworkId = stored.Id, Status = RoundStatus.Published, CreatedAt = DateTimeOffset.UnixEpoch };
        round.Organisations.Add(Organisation("Alpha", "AAA", ("AAA-1.01", AnswerValue.No), ("AAA-1.02", AnswerValue.Yes), ("AAA-2.01", AnswerValue.Yes), ("AAA-1.03", AnswerValue.Yes)));
        round.Organisations.Add(Organisation(" beta ", "AAA", ("AAA-1.01", AnswerValue.Yes)));
        round.Organisations.Add(Organisation("Gamma", "AAA", ("AAA-1.01", AnswerValue.Yes)));
        db.Rounds.Add(round);
        await db.SaveChangesAsync(Ct);
        return (earlier.RoundId, round.Id);
    }

    private static Organisation Organisation(string name, string group, params (string Code, AnswerValue Value)[] answers)
    {
        var organisation = new Organisation { Name = name, GroupCode = group };
        foreach (var (code, value) in answers)
        {
            organisation.Answers.Add(new Answer { IndicatorCode = code, Value = value, UpdatedBy = "test", UpdatedAt = DateTimeOffset.UnixEpoch });
        }

        return organisation;
    }

    [Fact]
    public async Task Comparison_matches_organisations_by_name_within_group_and_statements_by_code()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (earlierId, laterId) = await BuildAsync(database);
        await using var db = database.NewContext();

        var comparison = RoundComparison.Compare((await RoundScores.LoadAsync(db, earlierId, Ct))!, (await RoundScores.LoadAsync(db, laterId, Ct))!);

        var alpha = comparison.Organisations.Single(o => o.Name == "Alpha");
        Assert.Equal(["AAA-2.01"], alpha.NewlyMet);
        Assert.Equal(["AAA-1.01"], alpha.Lost);
        Assert.Equal((1, 2), (alpha.EarlierLevel, alpha.LaterLevel));
        var beta = comparison.Organisations.Single(o => o.Name == " beta ");
        Assert.Equal(["AAA-1.01"], beta.NewlyMet);
        Assert.Empty(beta.Lost);
        Assert.Equal([("AAA", "Gamma")], comparison.Joined);
        Assert.Equal([("BBB", "Delta")], comparison.Left);
        Assert.Empty(comparison.OnlyEarlier);
        Assert.Contains(comparison.OnlyLater, i => i.Code == "AAA-1.03");
        Assert.Equal(6, comparison.OnlyLater.Count);
    }

    [Fact]
    public async Task Profile_lists_what_changed_and_the_statements_of_one_version_apart()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, laterId) = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await factory.CreateBrowser().GetDocumentAsync($"/rounds/{laterId}/profile");

        var alpha = page.QuerySelector(".organisation-changes li[data-organisation='Alpha']")!;
        Assert.Equal("AAA-2.01", alpha.QuerySelector(".newly-met .code")!.TextContent);
        Assert.Equal("AAA-1.01", alpha.QuerySelector(".lost .code")!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".only-one-version li"), li => li.TextContent.Contains("AAA-1.03", StringComparison.Ordinal) && li.TextContent.Contains("only in 2026", StringComparison.Ordinal));
        Assert.Contains("Gamma (AAA)", page.QuerySelector("#changes ~ p:last-of-type")?.TextContent ?? page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_rounds_are_left_out_of_the_network_comparison()
    {
        await using var database = await TestDatabase.CreateAsync();
        var open = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var coordinator = await factory.CreateAdministratorBrowserAsync();
        var overview = await coordinator.GetDocumentAsync($"/networks/{open.NetworkId}/overview");

        Assert.Empty(overview.QuerySelectorAll(".theme-heatmap"));
        Assert.Contains("published", overview.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 of 6", overview.QuerySelector(".progress .answered")!.TextContent.Trim());
    }
}
