using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Audit;
using MegaBench.Practices;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Practices;

public sealed class PracticePagesTests
{
    private static Dictionary<string, string?> ValidPractice(string title = "Refugee business incubator") => new()
    {
        ["Input.Title"] = title,
        ["Input.Organisation"] = "Alder Incubator",
        ["Input.Themes"] = "finance",
        ["Input.Language"] = "en",
        ["Input.Description"] = "Six months of *coaching* and a micro-loan.",
        ["Input.Link"] = "https://example.org/incubator",
    };

    [Fact]
    public async Task Recorded_practice_appears_in_the_library_under_its_theme()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = await factory.CreateAdministratorBrowserAsync();

        var saved = await browser.SubmitFormAsync($"/cities/{round.CityId}/practices/new", ValidPractice());
        var library = await browser.FollowAsync(saved);

        // The notice of the save appears once (the page and the layout both showed it).
        Assert.Single(library.QuerySelectorAll(".notice[role=status]"));
        Assert.Contains("Refugee business incubator", library.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(library.QuerySelector("main em")); // the Markdown was rendered
        var onFinance = await browser.GetDocumentAsync($"/networks/{round.NetworkId}/practices?theme=finance");
        var onData = await browser.GetDocumentAsync($"/networks/{round.NetworkId}/practices?theme=data");
        Assert.Contains("Refugee business incubator", onFinance.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Refugee business incubator", onData.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var practice = await db.Practices.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("finance", practice.Themes);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(Practice) && e.Action == AuditAction.Created, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Input.Title", "", "Input_Title", "Enter a title")]
    [InlineData("Input.Themes", null, "Input_Themes", "at least one theme")]
    [InlineData("Input.Themes", "astrology", "Input_Themes", "is not a theme")]
    [InlineData("Input.Link", "javascript:alert(1)", "Input_Link", "http:// or https://")]
    [InlineData("Input.Language", "xx", "Input_Language", "Choose the language")]
    public async Task Bad_practice_input_is_refused_with_a_message_and_nothing_is_saved(string field, string? value, string fieldId, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var fields = ValidPractice();
        fields[field] = value;

        var response = await browser.SubmitFormAsync($"/cities/{round.CityId}/practices/new", fields);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.FieldError(fieldId), StringComparison.Ordinal);
        Assert.Equal("Alder Incubator", page.QuerySelector<IHtmlInputElement>("#Input_Organisation")!.Value); // what was typed is kept
        await using var db = database.NewContext();
        Assert.False(await db.Practices.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Practice_can_be_edited_and_deleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = await factory.CreateAdministratorBrowserAsync();
        await browser.FollowAsync(await browser.SubmitFormAsync($"/cities/{round.CityId}/practices/new", ValidPractice()));
        int id;
        await using (var db = database.NewContext())
        {
            id = (await db.Practices.SingleAsync(TestContext.Current.CancellationToken)).Id;
        }

        var fields = ValidPractice("Procurement open days");
        fields["Input.Themes"] = "networking";
        await browser.FollowAsync(await browser.SubmitFormAsync($"/practices/{id}/edit", fields));
        await using (var db = database.NewContext())
        {
            var edited = await db.Practices.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal("Procurement open days", edited.Title);
            Assert.Equal("networking", edited.Themes);
        }

        await browser.FollowAsync(await browser.SubmitFormAsync($"/practices/{id}/edit", new Dictionary<string, string?>(), "form[action*='handler=Delete']"));
        await using (var db = database.NewContext())
        {
            Assert.False(await db.Practices.AnyAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Library_lists_practices_of_other_cities_by_theme()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using (var db = database.NewContext())
        {
            db.Practices.Add(new Practice { CityId = round.CityId, Title = "Own", Language = "en", Themes = "finance data" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = database.NewContext();
        var forOthers = await PracticeLibrary.ForThemesAsync(read, round.NetworkId, ["data"], [], TestContext.Current.CancellationToken);
        var excludingOwnCity = await PracticeLibrary.ForThemesAsync(read, round.NetworkId, ["data"], [round.CityId], TestContext.Current.CancellationToken);
        var otherTheme = await PracticeLibrary.ForThemesAsync(read, round.NetworkId, ["networking"], [], TestContext.Current.CancellationToken);

        Assert.Single(forOthers);
        Assert.Empty(excludingOwnCity);
        Assert.Empty(otherTheme);
    }
}
