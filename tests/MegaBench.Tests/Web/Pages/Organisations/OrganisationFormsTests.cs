using System.Net;
using MegaBench.Answers;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Organisations;

public sealed class OrganisationFormsTests
{
    [Fact]
    public async Task Adding_an_organisation_saves_it_as_the_last_column_of_its_group()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "BBB").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}/organisations/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Chamber of Testville",
            ["Input.GroupCode"] = "BBB",
            ["Input.Kind"] = "chamber",
            ["Input.Website"] = "https://chamber.example.org/",
            ["Input.Notes"] = "The regional chamber.",
        });
        var page = await client.FollowAsync(response);

        Assert.Contains("Chamber of Testville was added.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var added = await db.Organisations.SingleAsync(o => o.Name == "Chamber of Testville", TestContext.Current.CancellationToken);
        Assert.Equal(("BBB", "chamber", "https://chamber.example.org/", "The regional chamber.", 2),
            (added.GroupCode, added.Kind, added.Website, added.Notes, added.Position));
    }

    [Fact]
    public async Task The_group_link_of_the_round_page_preselects_that_group()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var roundPage = await client.GetDocumentAsync($"/rounds/{round.RoundId}");
        var link = roundPage.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Add an organisation to Group BBB");
        var form = await client.GetDocumentAsync(link.GetAttribute("href")!);

        Assert.Equal("BBB", form.QuerySelector("#Input_GroupCode option[selected]")!.GetAttribute("value"));
        foreach (var input in form.QuerySelectorAll("form input:not([type=hidden]), form textarea, form select"))
        {
            Assert.True(form.QuerySelector($"label[for='{input.Id}']") is not null, $"Input {input.GetAttribute("name")} has no label.");
        }
    }

    /// <summary>Each case changes one field of an otherwise valid form: field, typed value, field id, message.</summary>
    public static TheoryData<string, string, string, string> BadOrganisations => new()
    {
        { "Name", "", "Input_Name", "Enter the organisation's name." },
        { "Name", new string('n', 201), "Input_Name", "The name is too long: use at most 200 characters." },
        { "Name", "alpha", "Input_Name", "This round already has an organisation called alpha. Choose another name, or edit that organisation." },
        { "GroupCode", "ZZZ", "Input_GroupCode", "'ZZZ' is not a stakeholder group of Test framework. Choose one of: Group AAA, Group BBB." },
        { "GroupCode", "", "Input_GroupCode", "Choose the organisation's stakeholder group." },
        { "Kind", "Spaceship", "Input_Kind", "'Spaceship' is not a kind of organisation. Choose one from the list." },
        { "Website", "javascript:alert(1)", "Input_Website", "Enter a full web address starting with http:// or https://, e.g. https://www.example.org, or leave it empty." },
        { "Website", "ftp://files.example.org", "Input_Website", "Enter a full web address starting with http:// or https://, e.g. https://www.example.org, or leave it empty." },
        { "Website", "www.example.org", "Input_Website", "Enter a full web address starting with http:// or https://, e.g. https://www.example.org, or leave it empty." },
        { "Notes", new string('z', 2001), "Input_Notes", "The notes are too long: use at most 2000 characters." },
    };

    [Theory]
    [MemberData(nameof(BadOrganisations))]
    public async Task Adding_a_bad_organisation_shows_the_message_keeps_the_input_and_saves_nothing(string field, string value, string fieldId, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var fields = new Dictionary<string, string?>
        {
            ["Input.Name"] = "Valid name",
            ["Input.GroupCode"] = "AAA",
            ["Input.Kind"] = "other",
            ["Input.Website"] = "",
            ["Input.Notes"] = "Kept note",
        };
        fields[$"Input.{field}"] = value;

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}/organisations/new", fields);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.FieldError(fieldId));
        Assert.Equal(fields["Input.Notes"], page.GetElementById("Input_Notes")!.TextContent);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Organisations.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_kind_list_is_the_round_framework_s_and_a_kind_of_another_framework_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithFramework(NeutralFrameworkTests.Orchard()).WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var form = await client.GetDocumentAsync($"/rounds/{round.RoundId}/organisations/new");
        Assert.Equal(["cooperative", "seed-library"], form.QuerySelectorAll("#Input_Kind option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["Growers’ cooperative", "Seed library"], form.QuerySelectorAll("#Input_Kind option").Select(o => o.TextContent.Trim()));

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}/organisations/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Chamber of Testville",
            ["Input.GroupCode"] = "AAA",
            ["Input.Kind"] = "chamber",
        });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal("'chamber' is not a kind of organisation. Choose one from the list.", page.FieldError("Input_Kind"));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Organisations.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Editing_an_organisation_saves_its_fields()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA", "Old note").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var id = round.Organisations["Alpha"];

        var form = await client.GetDocumentAsync($"/organisations/{id}/edit");
        Assert.Equal("Old note", form.GetElementById("Input_Notes")!.TextContent);
        var response = await client.SubmitAsync(HtmlForms.FindForm(form), new Dictionary<string, string?>
        {
            ["Input.Name"] = "Alpha agency",
            ["Input.GroupCode"] = "BBB",
            ["Input.Kind"] = "region",
            ["Input.Website"] = "http://alpha.example.org",
            ["Input.Notes"] = "",
        });
        await client.FollowAsync(response);

        await using var db = database.NewContext();
        var organisation = await db.Organisations.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("Alpha agency", "BBB", "region", "http://alpha.example.org", (string?)null),
            (organisation.Name, organisation.GroupCode, organisation.Kind, organisation.Website, organisation.Notes));
    }

    [Fact]
    public async Task An_answered_organisation_cannot_move_to_another_group()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes)).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var id = round.Organisations["Alpha"];

        var response = await (await factory.CreateAdministratorBrowserAsync()).SubmitFormAsync($"/organisations/{id}/edit", new Dictionary<string, string?> { ["Input.GroupCode"] = "BBB" });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal("This organisation has already answered statements of its group, so its group cannot change. Add it again in the other group instead.", page.FieldError("Input_GroupCode"));
        await using var db = database.NewContext();
        Assert.Equal("AAA", (await db.Organisations.SingleAsync(TestContext.Current.CancellationToken)).GroupCode);
    }

    [Theory]
    [MemberData(nameof(HostileStrings.ForNames), MemberType = typeof(HostileStrings))]
    public async Task Hostile_organisation_names_and_notes_are_stored_as_typed_and_shown_as_text(string text)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}/organisations/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = text,
            ["Input.GroupCode"] = "AAA",
            ["Input.Notes"] = text,
        });
        var roundPage = await client.FollowAsync(response);
        var sheet = await client.GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        await using var db = database.NewContext();
        var organisation = await db.Organisations.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((text, text), (organisation.Name, organisation.Notes));
        Assert.Equal(text, roundPage.QuerySelector(".organisations .name")!.TextContent);
        Assert.Equal(text, sheet.QuerySelector(".footnotes .note-text")!.TextContent);
        Assert.Empty(roundPage.QuerySelectorAll("main script, main img, main svg"));
        Assert.Empty(sheet.QuerySelectorAll("main script, main img, main svg"));
    }
}
