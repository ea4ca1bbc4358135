using System.Net;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Rounds;

public sealed class RoundFormsTests
{
    [Fact]
    public async Task Adding_a_round_stores_the_framework_version_and_starts_open()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().InYear(2024).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var form = await client.GetDocumentAsync($"/cities/{round.CityId}/rounds/new");
        var option = form.QuerySelectorAll("#Input_FrameworkId option").Single(o => o.TextContent.Contains("(test-fw)", StringComparison.Ordinal));
        var response = await client.SubmitAsync(HtmlForms.FindForm(form), new Dictionary<string, string?> { ["Input.Year"] = "2025", ["Input.FrameworkId"] = option.GetAttribute("value") });
        var page = await client.FollowAsync(response);

        Assert.Equal("Testville – 2025 benchmark round", page.QuerySelector("h1")!.TextContent.Trim());
        await using var db = database.NewContext();
        var added = await db.Rounds.Include(r => r.Framework).SingleAsync(r => r.Year == 2025, TestContext.Current.CancellationToken);
        Assert.Equal((RoundStatus.Open, "test-fw", "1.0"), (added.Status, added.Framework!.FrameworkId, added.Framework.Version));
    }

    public static TheoryData<string, string?, string> BadRounds => new()
    {
        { "1999", null, "The year must be between 2000 and 2100." },
        { "2101", null, "The year must be between 2000 and 2100." },
        { "", null, "Enter the year of the round, e.g. 2026." },
        { "next year", null, "'next year' is not a valid Year. Correct it and save again." },
        { "2024", null, "Testville already has a round for 2024. Open that round, or choose another year." },
        { "2030", "999", "This framework version is not stored. Choose one from the list." },
    };

    [Theory]
    [MemberData(nameof(BadRounds))]
    public async Task Adding_a_bad_round_shows_the_message_and_saves_nothing(string year, string? frameworkId, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().InYear(2024).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var fields = new Dictionary<string, string?> { ["Input.Year"] = year };
        if (frameworkId is not null)
        {
            fields["Input.FrameworkId"] = frameworkId;
        }

        var response = await client.SubmitFormAsync($"/cities/{round.CityId}/rounds/new", fields);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var field = frameworkId is null ? "Input_Year" : "Input_FrameworkId";
        Assert.Equal(message, page.FieldError(field));
        Assert.NotNull(page.QuerySelector(".error-summary"));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Rounds.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_value_that_cannot_be_read_is_explained_in_the_readers_language()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().InYear(2024).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/cities/{round.CityId}/rounds/new?lang=fr", new Dictionary<string, string?> { ["Input.Year"] = "l’an prochain" });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal("«\u00a0l’an prochain\u00a0» n’est pas une valeur valide pour le champ Année. Corrigez-la et enregistrez de nouveau.", page.FieldError("Input_Year"));
    }

    [Fact]
    public async Task Round_page_groups_organisations_with_their_progress_and_links_each_sheet()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation("Beta", "AAA", null, new AnswerSpec("AAA-1.01", MegaBench.Answers.AnswerValue.No))
            .WithOrganisation("Alpha", "AAA")
            .WithOrganisation("Gamma", "BBB", null, new AnswerSpec("BBB-1.01", MegaBench.Answers.AnswerValue.Yes), new AnswerSpec("BBB-1.02", MegaBench.Answers.AnswerValue.NotDetermined))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}");

        var groups = page.QuerySelectorAll("section.group").ToList();
        Assert.Equal(["Group AAA", "Group BBB"], groups.Select(g => g.QuerySelector("h3")!.TextContent.Trim()));
        Assert.Equal(["Beta", "Alpha"], groups[0].QuerySelectorAll(".organisations .name").Select(n => n.TextContent));
        Assert.Equal(["1 of 6 statements answered", "0 of 6 statements answered"], groups[0].QuerySelectorAll(".progress").Select(n => n.TextContent));
        Assert.Equal(["2 of 6 statements answered"], groups[1].QuerySelectorAll(".progress").Select(n => n.TextContent));
        Assert.Equal($"/rounds/{round.RoundId}/sheets/BBB", groups[1].QuerySelector("p a")!.GetAttribute("href"));
        Assert.Equal("Testville’s assessment sheet – Group BBB", groups[1].QuerySelector("p a")!.TextContent.Trim());
        Assert.Contains("Open", page.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_status_saves_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}", new Dictionary<string, string?> { ["NewStatus"] = "Closed" });
        var page = await client.FollowAsync(response);

        Assert.Equal("Closed", page.QuerySelector(".status")!.TextContent.Trim());
        await using var db = database.NewContext();
        Assert.Equal(RoundStatus.Closed, (await db.Rounds.SingleAsync(TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task Reopening_a_published_round_is_in_the_audit_trail_with_who_and_both_statuses()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(RoundStatus.Published).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var email = await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        await client.SubmitFormAsync($"/rounds/{round.RoundId}", new Dictionary<string, string?> { ["NewStatus"] = "Closed" });

        await using var db = database.NewContext();
        var entry = await db.AuditEntries.Where(e => e.EntityType == "Round" && e.Action == MegaBench.Audit.AuditAction.Updated).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((email.Split('@')[0], true), (entry.ActorName, entry.ActorId is not null));
        Assert.Contains("\"Status\":\"Published\"", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"Closed\"", entry.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Archived")]
    [InlineData("7")]
    [InlineData("Open, Closed")]
    [InlineData("")]
    public async Task An_unknown_status_is_refused(string status)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}", new Dictionary<string, string?> { ["NewStatus"] = status });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"'{status}' is not a status. Choose Open, Closed or Published.", page.FieldError("NewStatus"));
        await using var db = database.NewContext();
        Assert.Equal(RoundStatus.Open, (await db.Rounds.SingleAsync(TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task Narrative_is_rendered_from_markdown_and_sanitised()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithNarrative(NarrativeKind.Obstacles, "Access to **finance** is hard.\n\n" + HostileStrings.Script + "\n\n" + HostileStrings.EventHandler + "\n\n" + HostileStrings.JavascriptLink + "\n\n<a href=\"https://example.org\" onclick=\"steal()\">source</a>")
            .WithNarrative(NarrativeKind.MayShare, "- Expertise of a refugee incubator")
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}");

        var obstacles = page.GetElementById("narrative-obstacles")!.ParentElement!.QuerySelector(".markdown")!;
        Assert.Equal("finance", obstacles.QuerySelector("strong")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("[onerror], [onclick], [onload]"));
        Assert.DoesNotContain(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["https://example.org"], obstacles.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")));
        Assert.Equal("Testville may share", page.GetElementById("narrative-may-share")!.TextContent.Trim());
        Assert.Equal("Expertise of a refugee incubator", page.GetElementById("narrative-may-share")!.ParentElement!.QuerySelector("li")!.TextContent.Trim());
    }

    [Fact]
    public async Task Editing_a_narrative_section_saves_its_markdown()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}/narrative/key-challenges", new Dictionary<string, string?> { ["Markdown"] = "Mainstream the *support*." });
        var page = await client.FollowAsync(response);

        Assert.Equal("support", page.GetElementById("narrative-key-challenges")!.ParentElement!.QuerySelector("em")!.TextContent);
        await using var db = database.NewContext();
        var section = await db.NarrativeSections.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((NarrativeKind.KeyChallenges, "Mainstream the *support*."), (section.Kind, section.Markdown));
    }

    [Theory]
    [MemberData(nameof(HostileStrings.All), MemberType = typeof(HostileStrings))]
    public async Task Hostile_narrative_is_stored_as_typed_and_rendered_inert(string text)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}/narrative/obstacles", new Dictionary<string, string?> { ["Markdown"] = text });
        var page = await client.FollowAsync(response);

        await using var db = database.NewContext();
        Assert.Equal(text, (await db.NarrativeSections.SingleAsync(TestContext.Current.CancellationToken)).Markdown);
        Assert.Empty(page.QuerySelectorAll("script, svg, iframe"));
        Assert.DoesNotContain(page.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.DoesNotContain(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_too_long_narrative_section_is_refused_and_kept()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var text = new string('a', 200_001);

        var response = await (await factory.CreateAdministratorBrowserAsync()).SubmitFormAsync($"/rounds/{round.RoundId}/narrative/obstacles", new Dictionary<string, string?> { ["Markdown"] = text });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal("The text is 200,001 characters long; a section holds at most 200,000. Shorten it, or move part of it to another section.", page.FieldError("Markdown"));
        Assert.Equal(text, page.GetElementById("Markdown")!.TextContent);
        await using var db = database.NewContext();
        Assert.False(await db.NarrativeSections.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_narrative_section_is_not_found()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await (await factory.CreateAdministratorBrowserAsync()).GetAsync(new Uri($"/rounds/{round.RoundId}/narrative/Obstacles", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
