using System.Net;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Cities;

public sealed class CityFormsTests
{
    [Fact]
    public async Task Adding_a_city_saves_it_and_redirects_to_its_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/networks/{round.NetworkId}/cities/new",
            new Dictionary<string, string?> { ["Input.Name"] = "  Valencia ", ["Input.Country"] = "Spain" });
        var page = await client.FollowAsync(response);

        Assert.Equal("Valencia Spain", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Valencia was added.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var city = await db.Cities.SingleAsync(c => c.Name == "Valencia", TestContext.Current.CancellationToken);
        Assert.Equal(("Spain", round.NetworkId), (city.Country, city.NetworkId));
    }

    public static TheoryData<string, string, string, string> BadCities => new()
    {
        { "", "France", "Input_Name", "Enter the city's name." },
        { "   ", "France", "Input_Name", "Enter the city's name." },
        { new string('x', 201), "France", "Input_Name", "The city's name is too long: use at most 200 characters." },
        { "testville", "France", "Input_Name", "The network already has a city called testville. Choose another name, or edit that city." },
        { "Nantes", "", "Input_Country", "Enter the country, e.g. France." },
        { "Nantes", new string('y', 101), "Input_Country", "The country is too long: use at most 100 characters." },
    };

    [Theory]
    [MemberData(nameof(BadCities))]
    public async Task Adding_a_bad_city_shows_the_message_keeps_the_input_and_saves_nothing(string name, string country, string field, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().ForCity("Testville").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/networks/{round.NetworkId}/cities/new",
            new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Country"] = country });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.FieldError(field));
        Assert.Equal("true", page.GetElementById(field)!.GetAttribute("aria-invalid"));
        Assert.Contains("Nothing was saved", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(country, page.GetElementById("Input_Country")!.GetAttribute("value") ?? "");
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Cities.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Editing_a_city_saves_the_new_name_and_country()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().ForCity("Testville").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var form = await client.GetDocumentAsync($"/cities/{round.CityId}/edit");
        Assert.Equal("Testville", form.GetElementById("Input_Name")!.GetAttribute("value"));
        var response = await client.SubmitAsync(HtmlForms.FindForm(form), new Dictionary<string, string?> { ["Input.Name"] = "Testville-sur-Mer", ["Input.Country"] = "Belgium" });
        await client.FollowAsync(response);

        await using var db = database.NewContext();
        var city = await db.Cities.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("Testville-sur-Mer", "Belgium"), (city.Name, city.Country));
    }

    [Fact]
    public async Task Renaming_a_city_to_another_city_of_the_network_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().ForCity("Testville").BuildAsync(database);
        await using (var db = database.NewContext())
        {
            db.Cities.Add(new MegaBench.Networks.City { NetworkId = round.NetworkId, Name = "Otherton", Country = "France" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/cities/{round.CityId}/edit", new Dictionary<string, string?> { ["Input.Name"] = "OTHERTON" });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal("The network already has a city called OTHERTON. Choose another name, or edit that city.", page.FieldError("Input_Name"));
        Assert.Equal("OTHERTON", page.GetElementById("Input_Name")!.GetAttribute("value"));
        Assert.Equal("Edit Testville", page.QuerySelector("h1")!.TextContent.Trim());
        await using var check = database.NewContext();
        Assert.True(await check.Cities.AnyAsync(c => c.Id == round.CityId && c.Name == "Testville", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(HostileStrings.ForNames), MemberType = typeof(HostileStrings))]
    public async Task Hostile_city_names_are_stored_as_typed_and_shown_as_text(string name)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/networks/{round.NetworkId}/cities/new",
            new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Country"] = name });
        var page = await client.FollowAsync(response);
        var network = await client.GetDocumentAsync($"/networks/{round.NetworkId}");

        await using var db = database.NewContext();
        var city = await db.Cities.SingleAsync(c => c.Id != round.CityId, TestContext.Current.CancellationToken);
        Assert.Equal(name, city.Name);
        Assert.Empty(page.QuerySelectorAll("main script, main img, main svg"));
        Assert.Empty(network.QuerySelectorAll("main script, main img, main svg"));
        Assert.Contains(network.QuerySelectorAll("tbody th a"), a => a.TextContent == name);
    }

    [Fact]
    public async Task City_page_lists_its_rounds()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().ForCity("Testville", "Italy").InYear(2024).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/cities/{round.CityId}");

        Assert.Equal("Testville Italy", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["2024", "Test framework 1.0", "Open", "0", "0 of 0"], page.QuerySelector("tbody tr")!.Children.Select(c => c.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector($"a[href='/cities/{round.CityId}/rounds/new']"));
        Assert.NotNull(page.QuerySelector($"a[href='/cities/{round.CityId}/edit']"));
    }
}
