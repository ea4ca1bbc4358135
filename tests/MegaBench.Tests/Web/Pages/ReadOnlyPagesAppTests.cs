using System.Net;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Pages;

/// <summary>The shared app of the read-only page theories notices a write, so a page that starts writing on GET cannot hide there.</summary>
public sealed class ReadOnlyPagesAppTests
{
    private sealed class App : ReadOnlyPagesApp
    {
        protected override Task<BuiltRound> BuildAsync(TestDatabase database) => new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
    }

    [Fact]
    public async Task A_write_fails_the_check_and_a_read_does_not()
    {
        var app = new App();
        await app.InitializeAsync();
        try
        {
            var browser = app.NewAdministratorBrowser();
            await browser.GetDocumentAsync($"/rounds/{app.Round.RoundId}");
            await app.AssertNothingWrittenAsync("/rounds/...");

            var response = await browser.SubmitFormAsync($"/networks/{app.Round.NetworkId}/cities/new",
                new Dictionary<string, string?> { ["Input.Name"] = "Valencia", ["Input.Country"] = "Spain" });

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => app.AssertNothingWrittenAsync("/networks/.../cities/new"));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
