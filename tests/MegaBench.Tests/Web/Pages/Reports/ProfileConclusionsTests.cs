using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Reports;

/// <summary>The profile's "conclusions for matching": the coordinator's own text where written, the draft only otherwise.</summary>
public sealed class ProfileConclusionsTests
{
    [Fact]
    public async Task Profile_shows_the_coordinators_own_conclusions_and_drafts_only_the_unwritten_section()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        int roundId;
        await using (var db = database.NewContext())
        {
            var network = await db.Networks.SingleAsync(Ct);
            var scores = (await NetworkScores.LoadAsync(db, network.Id, Ct))!;
            roundId = scores.Rounds[0].Round.Id;
            var round = await db.Rounds.Include(r => r.Narrative).SingleAsync(r => r.Id == roundId, Ct);
            round.Narrative.RemoveAll(n => n.Kind is NarrativeKind.MayShare or NarrativeKind.MayLookAt);
            round.Narrative.Add(new NarrativeSection { Kind = NarrativeKind.MayShare, Markdown = "Our **welcome desk** runs in nine languages." });
            await db.SaveChangesAsync(Ct);
        }

        var page = await browser.GetDocumentAsync($"/rounds/{roundId}/profile");

        var share = page.QuerySelector("dl.conclusions .may-share")!;
        Assert.Contains("welcome desk runs in nine languages", share.TextContent, StringComparison.Ordinal);
        Assert.NotNull(share.QuerySelector("strong"));
        Assert.Null(share.QuerySelector(".drafted"));
        Assert.NotNull(page.QuerySelector("dl.conclusions .may-look-at .drafted"));
        Assert.Single(page.QuerySelectorAll("a[href$='/narrative/may-look-at?draft=true']"));
        Assert.Empty(page.QuerySelectorAll("a[href$='/narrative/may-share?draft=true']"));

        // The coordinator's text is shown as written; the draft of the other section is in the reader's language.
        var french = await browser.GetDocumentAsync($"/rounds/{roundId}/profile?lang=fr");
        Assert.Contains("welcome desk runs in nine languages", french.QuerySelector("dl.conclusions .may-share")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("brouillon", french.QuerySelector("dl.conclusions .may-look-at .drafted")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(french.QuerySelectorAll("main .untranslated"));
    }

    [Fact]
    public async Task Profile_and_methodology_state_the_group_levels_rule_in_the_same_words_as_the_scorer_applies_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        int roundId;
        await using (var db = database.NewContext())
        {
            roundId = (await NetworkScores.LoadAsync(db, (await db.Networks.SingleAsync(Ct)).Id, Ct))!.Rounds[0].Round.Id;
        }

        var profile = await browser.GetDocumentAsync($"/rounds/{roundId}/profile");
        var methodology = await browser.GetDocumentAsync($"/rounds/{roundId}/methodology");

        // The ecosystem reaches a stage only when the stage before it is reached, as Scorer applies it.
        Assert.Contains("the previous stage is reached", ReportText.GroupLevelsRule, StringComparison.Ordinal);
        Assert.Contains(ReportText.GroupLevelsRule, profile.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(ReportText.GroupLevelsRule, methodology.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
