using System.Net;
using AngleSharp.Dom;
using MegaBench.Answers;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Rounds;

/// <summary>Publishing goes through a summary of what it will show, confirmed on that summary (issue 13, safeguard 1a).</summary>
public sealed class PublishTests
{
    /// <summary>Alpha submitted and validated, Beta submitted, Gamma never submitted; group BBB has one mostly-n/d organisation.</summary>
    internal static async Task<BuiltRound> BuildAsync(TestDatabase database)
    {
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes), new AnswerSpec("AAA-1.02", AnswerValue.Yes), new AnswerSpec("AAA-1.03", AnswerValue.No),
                new AnswerSpec("AAA-2.01", AnswerValue.Yes), new AnswerSpec("AAA-2.02", AnswerValue.No), new AnswerSpec("AAA-2.03", AnswerValue.Yes))
            .WithOrganisation("Beta", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes), new AnswerSpec("AAA-1.02", AnswerValue.No), new AnswerSpec("AAA-1.03", AnswerValue.Yes),
                new AnswerSpec("AAA-2.01", AnswerValue.No), new AnswerSpec("AAA-2.02", AnswerValue.No), new AnswerSpec("AAA-2.03", AnswerValue.No))
            .WithOrganisation("Gamma", "BBB", null, new AnswerSpec("BBB-1.01", AnswerValue.NotDetermined), new AnswerSpec("BBB-1.02", AnswerValue.NotDetermined))
            .BuildAsync(database);
        await using var db = database.NewContext();
        await Questionnaire.SubmitAsync(db, round.Organisations["Alpha"], "respondent", asRespondent: false, Ct);
        await Questionnaire.ValidateAsync(db, round.Organisations["Alpha"], "coordinator", cancellationToken: Ct);
        await Questionnaire.SubmitAsync(db, round.Organisations["Beta"], "respondent", asRespondent: false, Ct);
        return round;
    }

    private static string Text(IElement? element) => string.Join(" ", element!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Choosing_published_shows_the_summary_and_changes_nothing_until_confirmed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var summary = await client.FollowAsync(await client.SubmitFormAsync($"/rounds/{round.RoundId}", new Dictionary<string, string?> { ["NewStatus"] = "Published" }));

        Assert.Equal("Publish the 2026 round of Testville", Text(summary.QuerySelector("h1")));
        await using (var db = database.NewContext())
        {
            Assert.Equal(RoundStatus.Open, (await db.Rounds.SingleAsync(Ct)).Status);
        }

        var coverage = summary.QuerySelectorAll("table.publish-coverage tbody tr").Select(Text).ToList();
        Assert.Equal(["Group AAA 2 8 of 12 67 %", "Group BBB 1 0 of 6 0 % (little data)"], coverage);
        Assert.Equal(["Gamma (Group BBB): In progress"], summary.QuerySelectorAll("ul.not-submitted li").Select(Text));
        Assert.Equal("1 organisation has not submitted", Text(summary.QuerySelector("#pending-heading ~ h3")));
        Assert.Equal(["Beta (Group AAA)"], summary.QuerySelectorAll("ul.not-validated li").Select(Text));
        var littleData = summary.QuerySelectorAll("ul.little-data li").Select(Text).ToList();
        Assert.Contains("Group: Group BBB", littleData);
        Assert.Contains("Level of Gamma (Group BBB)", littleData);
        Assert.DoesNotContain(littleData, l => l.Contains("Alpha", StringComparison.Ordinal));
        Assert.Equal("This is the first published round of Testville: the city joins the network overview, the heatmap and the matching.", Text(summary.QuerySelector("p.replaces")));

        var published = await client.FollowAsync(await client.SubmitAsync(HtmlForms.FindForm(summary, "form.confirm-publish")));

        Assert.Equal("Published", Text(published.QuerySelector(".status")));
        await using var after = database.NewContext();
        Assert.Equal(RoundStatus.Published, (await after.Rounds.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task A_confirmation_given_on_a_summary_that_changed_since_is_refused_and_the_new_summary_shown()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var summary = await client.GetDocumentAsync($"/rounds/{round.RoundId}/publish");

        // Gamma submits while the coordinator reads.
        await using (var db = database.NewContext())
        {
            await Questionnaire.SubmitAsync(db, round.Organisations["Gamma"], "respondent", asRespondent: false, Ct);
        }

        var response = await client.SubmitAsync(HtmlForms.FindForm(summary, "form.confirm-publish"));
        var refused = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("The round changed after this summary was shown", Text(refused.QuerySelector(".error-summary .validation-summary-errors, .error-summary ul")), StringComparison.Ordinal);
        Assert.Empty(refused.QuerySelectorAll("ul.not-submitted li"));
        await using (var db = database.NewContext())
        {
            Assert.Equal(RoundStatus.Open, (await db.Rounds.SingleAsync(Ct)).Status);
        }

        // Confirming the new summary publishes.
        await client.FollowAsync(await client.SubmitAsync(HtmlForms.FindForm(refused, "form.confirm-publish")));
        await using var after = database.NewContext();
        Assert.Equal(RoundStatus.Published, (await after.Rounds.SingleAsync(Ct)).Status);
    }

    [Theory]
    [InlineData(2024, "This round replaces the published 2024 round of Testville in the network overview, the heatmap and the matching.")]
    [InlineData(2030, "The published 2030 round of Testville is later and keeps standing for the city in the network overview, the heatmap and the matching: this round is published but not compared.")]
    public async Task The_summary_says_which_published_round_of_the_city_it_replaces(int otherYear, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using (var db = database.NewContext())
        {
            var current = await db.Rounds.SingleAsync(Ct);
            db.Rounds.Add(new Round { CityId = round.CityId, Year = otherYear, StoredFrameworkId = current.StoredFrameworkId, Status = RoundStatus.Published, CreatedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync(Ct);
        }

        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var summary = await client.GetDocumentAsync($"/rounds/{round.RoundId}/publish");

        Assert.Equal(expected + $" The {otherYear} round", Text(summary.QuerySelector("p.replaces")));
    }
}
