using System.Net;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Access;

/// <summary>Every page and endpoint asks the one <see cref="AccessPolicy"/>: replacing it changes them all.</summary>
public sealed class AccessPolicyTests
{
    private sealed class DenyAll : AccessPolicy
    {
        public override bool CanRead(AccessScope scope) => false;

        public override bool CanEdit(AccessScope scope) => false;
    }

    /// <summary>Reads everything; edits while <see cref="AllowEdits"/> is set; records the edit scopes it was asked about.</summary>
    private sealed class Switchable : AccessPolicy
    {
        public volatile bool AllowEdits = true;

        public override bool CanRead(AccessScope scope) => true;

        public List<AccessScope> EditsAsked { get; } = [];

        public override bool CanEdit(AccessScope scope)
        {
            lock (EditsAsked)
            {
                EditsAsked.Add(scope);
            }

            return AllowEdits;
        }
    }

    private static WebApplicationFactory<Program> With(MegaBenchAppFactory factory, AccessPolicy policy) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddSingleton(policy)));

    /// <summary>A browser signed in as an administrator of every network: any refusal then comes from the replaced policy.</summary>
    private static async Task<HttpClient> AdministratorAsync(WebApplicationFactory<Program> app, TestDatabase database)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        return client;
    }

    [Theory]
    [InlineData("/networks/{network}")]
    [InlineData("/cities/{city}")]
    [InlineData("/rounds/{round}")]
    [InlineData("/rounds/{round}/sheets/AAA")]
    [InlineData("/organisations/{alpha}/answers")]
    [InlineData("/api/networks/{network}")]
    [InlineData("/api/rounds/{round}/organisations")]
    [InlineData("/api/organisations/{alpha}/answers")]
    [InlineData("/api/frameworks/test-fw/1.0")]
    public async Task A_denied_read_is_not_found(string template)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var denying = With(factory, new DenyAll());
        var url = template.Replace("{network}", $"{round.NetworkId}", StringComparison.Ordinal)
            .Replace("{city}", $"{round.CityId}", StringComparison.Ordinal)
            .Replace("{round}", $"{round.RoundId}", StringComparison.Ordinal)
            .Replace("{alpha}", $"{round.Organisations["Alpha"]}", StringComparison.Ordinal);

        var response = await (await AdministratorAsync(denying, database)).GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Denied_lists_hide_what_the_policy_refuses()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new RoundBuilder().InNetwork("Hidden network").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var denying = With(factory, new DenyAll());
        var client = await AdministratorAsync(denying, database);

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var api = await client.GetStringAsync(new Uri("/api/networks", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Hidden network", home, StringComparison.Ordinal);
        Assert.Equal("[]", api);
    }

    [Fact]
    public async Task A_denied_edit_is_forbidden_and_saves_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var alpha = round.Organisations["Alpha"];
        var policy = new Switchable();
        using var app = With(factory, policy);
        var client = await AdministratorAsync(app, database);

        // The form is loaded while editing is allowed (a tab left open), then editing is withdrawn.
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"/organisations/{alpha}/answers"));
        var cityForm = HtmlForms.FindForm(await client.GetDocumentAsync($"/cities/{round.CityId}/edit"));
        policy.AllowEdits = false;
        var post = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes" });
        var cityPost = await client.SubmitAsync(cityForm, new Dictionary<string, string?> { ["Input.Name"] = "Renamed" });
        var get = await client.GetAsync(new Uri($"/organisations/{alpha}/answers", UriKind.Relative), TestContext.Current.CancellationToken);
        var roundPage = await client.GetDocumentAsync($"/rounds/{round.RoundId}");

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cityPost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Contains(policy.EditsAsked, s => s == new AccessScope(round.NetworkId, round.CityId, round.RoundId, alpha, RoundStatus.Open));
        Assert.Empty(roundPage.QuerySelectorAll($"a[href='/rounds/{round.RoundId}/organisations/new'], main form"));
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Testville", (await db.Cities.SingleAsync(TestContext.Current.CancellationToken)).Name);
    }
}
