using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Learning;

namespace MegaBench.Tests.Web.Pages.Reviews;

/// <summary>The rules of <see cref="EveryPageTests"/> on the visit and feedback pages, which need a cycle: one heading, a label for every input, tokens on every form, no script.</summary>
public sealed class VisitAndFeedbackPageRulesTests
{
    [Theory]
    [InlineData("/reviews/{review}/visit", true)]
    [InlineData("/reviews/{review}/visit", false)]
    [InlineData("/reviews/{review}/visit?lang=fr", true)]
    [InlineData("/reviews/{review}/visit/meetings/{meeting}", true)]
    [InlineData("/reviews/{review}/visit/meetings/{meeting}", false)]
    [InlineData("/reviews/{review}/feedback", true)]
    [InlineData("/reviews/{review}/feedback?draft=true", true)]
    [InlineData("/reviews/{review}/feedback?draft=true&lang=fr", true)]
    [InlineData("/reviews/{review}/feedback", false)]
    public async Task Page_renders_accessibly_without_scripts(string template, bool asReviewer)
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        int meeting;
        await using (var db = database.NewContext())
        {
            var stored = new VisitMeeting { ReviewId = cycle.ReviewOfA, Date = new DateOnly(2025, 5, 12), Start = new TimeOnly(9, 0), End = new TimeOnly(10, 0), OrganisationId = cycle.OrganisationsOfA["A chamber"], Themes = "finance", Participants = "director", Notes = "Some *notes*." };
            db.VisitMeetings.Add(stored);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            meeting = stored.Id;
        }

        await using var factory = new MegaBenchAppFactory(database);
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(asReviewer ? cycle.CoordinatorOfB : cycle.CoordinatorOfA);
        var url = template.Replace("{review}", $"{cycle.ReviewOfA}", StringComparison.Ordinal).Replace("{meeting}", $"{meeting}", StringComparison.Ordinal);

        var page = await browser.GetDocumentAsync(url);

        Assert.Equal(url.Contains("lang=fr", StringComparison.Ordinal) ? "fr" : "en", page.DocumentElement.GetAttribute("lang"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        Assert.Empty(page.QuerySelectorAll("script:not([src^='/js/'])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotContain(page.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var input in page.QuerySelectorAll("input:not([type=hidden]), textarea, select"))
        {
            Assert.True(page.QuerySelector($"label[for='{input.Id}']") is not null, $"{url}: input {input.GetAttribute("name")} has no label.");
        }

        foreach (var form in page.QuerySelectorAll("form[method=post]"))
        {
            Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        }
    }
}
