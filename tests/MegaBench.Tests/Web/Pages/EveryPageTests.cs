using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Pages;

/// <summary>Rules every page keeps: English, a skip link, one heading, a label for every input, no inline scripts.</summary>
public sealed class EveryPageTests(EveryPageTests.PagesApp app) : IClassFixture<EveryPageTests.PagesApp>
{
    /// <summary>The pages an administrator sees; <see cref="Url"/> fills in the ids of the test's data.</summary>
    public static TheoryData<string> SignedInPages { get; } = new()
    {
        "/",
        "/frameworks",
        "/frameworks/test-fw/1.0",
        "/networks/{network}",
        "/networks/{network}/cities/new",
        "/cities/{city}",
        "/cities/{city}/edit",
        "/cities/{city}/rounds/new",
        "/rounds/{round}",
        "/rounds/{round}/narrative/may-look-at",
        "/rounds/{round}/sheets/AAA",
        "/rounds/{round}/profile",
        "/rounds/{round}/ecosystem",
        "/rounds/{round}/methodology",
        "/rounds/{round}/methodology?lang=fr",
        "/rounds/{round}/narrative/may-share?draft=true",
        "/networks/{network}/overview",
        "/networks/{network}/open-data",
        "/networks/{network}/matching",
        "/rounds/{round}/organisations/new",
        "/organisations/{alpha}/edit",
        "/organisations/{alpha}/answers",
        "/organisations/{alpha}/answers/AAA-1.01/history",
        "/networks/{network}/practices",
        "/cities/{city}/practices/new",
        "/account/tokens",
        "/admin/audit",
        "/admin/people/{person}/data",
        "/networks/new",
        "/account/password",
        "/admin/people",
        "/admin/people/invite",
        "/admin/people/{person}",
        "/rounds/{round}/questionnaires",
        "/rounds/{round}/questionnaires?Status=Laggards&Group=AAA",
        "/rounds/{round}/questionnaires?lang=fr",
        "/rounds/{round}/publish",
        "/my-work",
        "/rounds/{round}/questionnaires/{alpha}/validate",
    };

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task Page_renders_accessibly_without_scripts(string template)
    {
        var url = Url(template, app.Round, app.Person);

        var page = await app.NewAdministratorBrowser().GetDocumentAsync(url);

        AssertAccessible(page, url);
        await app.AssertNothingWrittenAsync(url);
    }

    /// <summary>The data of <see cref="SignedInPages"/>, shared by its rows: they only read.</summary>
    public sealed class PagesApp : ReadOnlyPagesApp
    {
        protected override Task<BuiltRound> BuildAsync(TestDatabase database) =>
            new RoundBuilder()
                .WithStatus(RoundStatus.Published)
                .WithOrganisation("Alpha", "AAA", "A note", new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: "A comment"))
                .WithNarrative(NarrativeKind.MayLookAt, "Cities that *measure* migrant entrepreneurship")
                .BuildAsync(database);
    }

    /// <summary>
    /// The address of a page of <see cref="SignedInPages"/>: {network}, {city}, {round}, {alpha} (the organisation
    /// named Alpha) and {person} (an account's id) replaced by the ids of the test's data.
    /// </summary>
    public static string Url(string template, BuiltRound round, string person)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(round);
        return template.Replace("{network}", $"{round.NetworkId}", StringComparison.Ordinal)
            .Replace("{city}", $"{round.CityId}", StringComparison.Ordinal)
            .Replace("{round}", $"{round.RoundId}", StringComparison.Ordinal)
            .Replace("{alpha}", $"{round.Organisations["Alpha"]}", StringComparison.Ordinal)
            .Replace("{person}", person, StringComparison.Ordinal);
    }

    /// <summary>The pages a visitor who is not signed in sees.</summary>
    public static TheoryData<string> VisitorPages { get; } = new()
    {
        "/account/signin",
        "/setup",
        "/account/set-password?user=someone&token=wrong",
        "/",
    };

    [Theory]
    [MemberData(nameof(VisitorPages))]
    public async Task Page_for_visitors_renders_accessibly_without_scripts(string url)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var page = await factory.CreateBrowser().GetDocumentAsync(url);

        AssertAccessible(page, url);
    }

    [Theory]
    [InlineData("/q/{link}")]
    [InlineData("/q/{link}?lang=fr")]
    [InlineData("/q/{link}/review")]
    [InlineData("/q/{link}/review?lang=fr")]
    [InlineData("/q/not-a-link")]
    public async Task Page_for_link_holders_renders_accessibly_without_scripts(string template)
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await Questionnaires.InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var url = template.Replace("{link}", invited.Token, StringComparison.Ordinal);

        var response = await factory.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(url.Contains("not-a-link", StringComparison.Ordinal) ? System.Net.HttpStatusCode.NotFound : System.Net.HttpStatusCode.OK, response.StatusCode);
        AssertAccessible(await HtmlForms.ParseAsync(response), url);
    }

    private static void AssertAccessible(AngleSharp.Dom.IDocument page, string url)
    {
        Assert.Equal(url.Contains("lang=fr", StringComparison.Ordinal) ? "fr" : "en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("#main", page.Body!.FirstElementChild!.GetAttribute("href"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        // Script only from the app's own files (wwwroot/js), never inline: the page must work without it (CSP forbids inline).
        Assert.Empty(page.QuerySelectorAll("script:not([src^='/js/'])"));
        Assert.DoesNotContain(page.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        foreach (var input in page.QuerySelectorAll("input:not([type=hidden]), textarea, select"))
        {
            Assert.True(page.QuerySelector($"label[for='{input.Id}']") is not null, $"{url}: input {input.GetAttribute("name")} has no label.");
        }

        foreach (var form in page.QuerySelectorAll("form[method=post]"))
        {
            Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        }

        foreach (var table in page.QuerySelectorAll("table"))
        {
            Assert.NotNull(table.QuerySelector("caption"));
            Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        }
    }
}
