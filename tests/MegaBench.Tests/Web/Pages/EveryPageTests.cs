using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Pages;

/// <summary>Rules every page keeps: English, a skip link, one heading, a label for every input, no scripts.</summary>
public sealed class EveryPageTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/frameworks")]
    [InlineData("/frameworks/test-fw/1.0")]
    [InlineData("/networks/{network}")]
    [InlineData("/networks/{network}/cities/new")]
    [InlineData("/cities/{city}")]
    [InlineData("/cities/{city}/edit")]
    [InlineData("/cities/{city}/rounds/new")]
    [InlineData("/rounds/{round}")]
    [InlineData("/rounds/{round}/narrative/may-look-at")]
    [InlineData("/rounds/{round}/sheets/AAA")]
    [InlineData("/rounds/{round}/profile")]
    [InlineData("/rounds/{round}/ecosystem")]
    [InlineData("/rounds/{round}/methodology")]
    [InlineData("/rounds/{round}/methodology?lang=fr")]
    [InlineData("/rounds/{round}/narrative/may-share?draft=true")]
    [InlineData("/networks/{network}/overview")]
    [InlineData("/networks/{network}/matching")]
    [InlineData("/rounds/{round}/organisations/new")]
    [InlineData("/organisations/{alpha}/edit")]
    [InlineData("/organisations/{alpha}/answers")]
    [InlineData("/organisations/{alpha}/answers/AAA-1.01/history")]
    [InlineData("/networks/{network}/practices")]
    [InlineData("/cities/{city}/practices/new")]
    [InlineData("/account/tokens")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/people/{person}/data")]
    [InlineData("/networks/new")]
    [InlineData("/account/password")]
    [InlineData("/admin/people")]
    [InlineData("/admin/people/invite")]
    [InlineData("/admin/people/{person}")]
    public async Task Page_renders_accessibly_without_scripts(string template)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", "A note", new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: "A comment"))
            .WithNarrative(NarrativeKind.MayLookAt, "Cities that *measure* migrant entrepreneurship")
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var url = template.Replace("{network}", $"{round.NetworkId}", StringComparison.Ordinal)
            .Replace("{city}", $"{round.CityId}", StringComparison.Ordinal)
            .Replace("{round}", $"{round.RoundId}", StringComparison.Ordinal)
            .Replace("{alpha}", $"{round.Organisations["Alpha"]}", StringComparison.Ordinal)
            .Replace("{person}", await TestAccounts.CreateAsync(database, "claire@example.org", TestRole.CoordinatorOf(round.CityId)), StringComparison.Ordinal);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync(url);

        AssertAccessible(page, url);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/setup")]
    [InlineData("/account/set-password?user=someone&token=wrong")]
    [InlineData("/")]
    public async Task Page_for_visitors_renders_accessibly_without_scripts(string url)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var page = await factory.CreateBrowser().GetDocumentAsync(url);

        AssertAccessible(page, url);
    }

    private static void AssertAccessible(AngleSharp.Dom.IDocument page, string url)
    {
        Assert.Equal(url.Contains("lang=fr", StringComparison.Ordinal) ? "fr" : "en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("#main", page.Body!.FirstElementChild!.GetAttribute("href"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        Assert.Empty(page.QuerySelectorAll("script"));
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
