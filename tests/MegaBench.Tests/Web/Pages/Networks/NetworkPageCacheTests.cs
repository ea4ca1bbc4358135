using System.Net;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Pages.Networks;

/// <summary>
/// The network overview and the matching served whole to anonymous readers from the output cache, keyed on the
/// network's change stamp (<see cref="MegaBench.Web.Reports.PageCache"/>): two app instances on one database, a change
/// through one shows on the other at its next request, and signed-in readers never get the anonymous copy.
/// </summary>
public sealed class NetworkPageCacheTests
{
    private static Task<BuiltRound> BuildAsync(TestDatabase database) =>
        new RoundBuilder()
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes))
            .BuildAsync(database);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    /// <summary>Renames the network behind the stamps' back (no SaveChanges, so no stamp raised): what a cached page keeps showing.</summary>
    private static async Task RenameUnstampedAsync(TestDatabase database, int networkId, string name)
    {
        await using var db = database.NewContext();
        await db.Networks.Where(n => n.Id == networkId).ExecuteUpdateAsync(s => s.SetProperty(n => n.Name, name), Ct);
    }

    /// <summary>The network's page, read twice anonymously: the second answer came from the output cache.</summary>
    private static async Task<string> KeptAnonymouslyAsync(MegaBenchAppFactory app, BuiltRound round, string page)
    {
        var path = $"/networks/{round.NetworkId}/{page}";
        await GetAsync(app.CreateBrowser(), path);
        Assert.NotNull((await GetAsync(app.CreateBrowser(), path)).Headers.Age);
        return path;
    }

    [Theory]
    [InlineData("overview")]
    [InlineData("matching")]
    public async Task An_unchanged_network_page_is_served_from_the_cache_until_a_change_through_another_instance(string page)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var a = new MegaBenchAppFactory(database);
        await using var b = new MegaBenchAppFactory(database);
        var reader = b.CreateBrowser();
        var path = $"/networks/{round.NetworkId}/{page}";

        var first = await GetAsync(reader, path);
        Assert.Null(first.Headers.Age);
        await RenameUnstampedAsync(database, round.NetworkId, "Unstamped network");

        var second = await GetAsync(reader, path);
        Assert.NotNull(second.Headers.Age);
        Assert.DoesNotContain("Unstamped network", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            (await db.Networks.SingleAsync(n => n.Id == round.NetworkId, Ct)).Name = "Renamed network";
            await db.SaveChangesAsync(Ct);
        }

        var third = await GetAsync(reader, path);
        Assert.Null(third.Headers.Age);
        Assert.Contains("Renamed network", await third.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("overview")]
    [InlineData("matching")]
    public async Task A_signed_in_reader_never_gets_the_anonymous_copy(string page)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var app = new MegaBenchAppFactory(database);
        var path = await KeptAnonymouslyAsync(app, round, page);
        var administrator = app.CreateBrowser();
        await administrator.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);

        var response = await GetAsync(administrator, path);

        // Their own page: their menu (signing out), not the anonymous copy kept a moment ago.
        Assert.Null(response.Headers.Age);
        Assert.Contains("/account/signout", await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("overview")]
    [InlineData("matching")]
    public async Task Access_is_decided_before_the_cache_even_when_the_stamp_did_not_move(string page)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var app = new MegaBenchAppFactory(database);
        var path = await KeptAnonymouslyAsync(app, round, page);

        // Unpublished behind the stamps' back: the kept copy's key is unchanged, but the network is no one's to read now.
        await using (var db = database.NewContext())
        {
            await db.Rounds.Where(r => r.Id == round.RoundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Open), Ct);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);
    }
}
