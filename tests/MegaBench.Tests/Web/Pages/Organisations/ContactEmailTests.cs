using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Organisations;

public sealed class ContactEmailTests
{
    [Fact]
    public async Task The_contact_email_is_saved_from_the_edit_form_and_shown_on_the_tracking_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var id = round.Organisations["Alpha"];

        await client.FollowAsync(await client.SubmitFormAsync($"/organisations/{id}/edit", new Dictionary<string, string?> { ["Input.ContactEmail"] = " contact@alpha.example.org " }));

        await using var db = database.NewContext();
        Assert.Equal("contact@alpha.example.org", (await db.Organisations.SingleAsync(o => o.Id == id, TestContext.Current.CancellationToken)).ContactEmail);
        var tracking = await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires");
        Assert.Contains("contact@alpha.example.org", tracking.QuerySelector("table.tracking tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Alpha <contact@alpha.example.org>")]
    [InlineData("a@b.example, c@d.example")]
    [InlineData("nobody@localhost")]
    public async Task Something_that_is_not_one_email_address_is_refused_beside_the_field(string typed)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var id = round.Organisations["Alpha"];

        var page = await HtmlForms.ParseAsync(await client.SubmitFormAsync($"/organisations/{id}/edit", new Dictionary<string, string?> { ["Input.ContactEmail"] = typed }));

        Assert.Equal("Enter one e-mail address, e.g. contact@example.org, or leave it empty.", page.FieldError("Input_ContactEmail"));
        Assert.Equal(typed, page.GetElementById("Input_ContactEmail")!.GetAttribute("value"));
        await using var db = database.NewContext();
        Assert.Null((await db.Organisations.SingleAsync(o => o.Id == id, TestContext.Current.CancellationToken)).ContactEmail);
    }
}
