using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Answers;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Audit;

public sealed class AnswerHistoryTests
{
    [Fact]
    public async Task Editing_an_answer_shows_both_values_and_the_actor_in_its_history()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No, Comment: "Not offered yet"))
            .BuildAsync(database);
        var organisationId = round.Organisations["Alpha"];
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var email = await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var form = await client.GetDocumentAsync($"/organisations/{organisationId}/answers");
        var prefix = form.QuerySelector<IHtmlInputElement>("input[type=hidden][value='AAA-1.01']")!.Name![..^".Code".Length];

        await client.FollowAsync(await client.SubmitAsync(HtmlForms.FindForm(form), new Dictionary<string, string?>
        {
            [$"{prefix}.Value"] = "Yes",
            [$"{prefix}.Comment"] = "Offered since March",
        }));
        var answers = await client.GetDocumentAsync($"/organisations/{organisationId}/answers");
        var link = answers.QuerySelectorAll<IHtmlAnchorElement>("a").Single(a => a.TextContent.Trim() == "History of AAA-1.01");
        var history = await client.GetDocumentAsync(link.GetAttribute("href")!);

        var rows = history.QuerySelectorAll("table.history tbody tr");
        Assert.Equal(2, rows.Length); // created by the builder, then changed through the form
        var change = rows[1];
        Assert.Equal(email.Split('@')[0], change.Children[1].TextContent.Trim()); // the display name TestAccounts gives
        var fields = change.QuerySelectorAll("dd").Select(dd => (dd.QuerySelector(".before")!.TextContent, dd.QuerySelector(".after")!.TextContent)).ToList();
        Assert.Equal([("No", "Yes"), ("Not offered yet", "Offered since March")], fields);
        Assert.Equal(["Answer", "Comment"], change.QuerySelectorAll("dt").Select(dt => dt.TextContent));
    }

    [Fact]
    public async Task A_statement_never_answered_has_an_empty_history_and_an_unknown_statement_is_not_found()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var organisationId = round.Organisations["Alpha"];
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var history = await client.GetDocumentAsync($"/organisations/{organisationId}/answers/AAA-1.01/history");
        var unknown = await client.GetAsync(new Uri($"/organisations/{organisationId}/answers/BBB-1.01/history", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("has not been answered yet", history.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_history_is_refused_to_a_coordinator_of_another_city_and_to_readers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithStatus(MegaBench.Rounds.RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes))
            .BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Othertown").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var stranger = factory.CreateBrowser();
        await stranger.SignInAsAsync(database, TestRole.CoordinatorOf(other.CityId));
        var url = new Uri($"/organisations/{round.Organisations["Alpha"]}/answers/AAA-1.01/history", UriKind.Relative);

        var byStranger = await stranger.GetAsync(url, TestContext.Current.CancellationToken);
        var byReader = await factory.CreateBrowser().GetAsync(url, TestContext.Current.CancellationToken);

        // The round is published, so both may read it, but the history names people: only its editors see it (a reader is asked to sign in).
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, byStranger.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, byReader.StatusCode);
        Assert.Equal("/account/signin", byReader.Headers.Location!.AbsolutePath);
    }
}
