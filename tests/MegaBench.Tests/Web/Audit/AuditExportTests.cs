using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Answers;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Audit;

public sealed class AuditExportTests
{
    [Fact]
    public async Task An_administrator_of_every_network_downloads_the_trail_with_an_answer_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var email = await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        var form = await client.GetDocumentAsync($"/organisations/{round.Organisations["Alpha"]}/answers");
        var prefix = form.QuerySelector<IHtmlInputElement>("input[type=hidden][value='AAA-1.01']")!.Name![..^".Code".Length];
        await client.FollowAsync(await client.SubmitAsync(HtmlForms.FindForm(form), new Dictionary<string, string?>
        {
            [$"{prefix}.Value"] = "Yes",
            [$"{prefix}.Comment"] = "Offered since March",
        }));

        var page = await client.GetDocumentAsync("/admin/audit");
        var download = await client.GetAsync(new Uri(page.QuerySelector("a[download]")!.GetAttribute("href")!, UriKind.Relative), TestContext.Current.CancellationToken);
        var csv = await download.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("id,at,actor_id,actor,action,entity_type,entity_id,round_id,before,after", csv, StringComparison.Ordinal);
        var change = csv.Split('\n').Single(line => line.Contains("Offered since March", StringComparison.Ordinal));
        Assert.Contains($"\"{email.Split('@')[0]}\",\"Updated\",\"Answer\",", change, StringComparison.Ordinal);
        Assert.Contains("No", change, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_administrator_downloads_only_the_rounds_of_their_networks()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mine = await new RoundBuilder().InNetwork("Mine").ForCity("Ourtown").WithOrganisation("Our chamber", "AAA").BuildAsync(database);
        await new RoundBuilder().InNetwork("Theirs").ForCity("Theirtown").WithOrganisation("Their chamber", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.AdministratorOf(mine.NetworkId));

        var page = await client.GetDocumentAsync("/admin/audit");
        var csv = await client.GetStringAsync(new Uri("/admin/audit?handler=Csv", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("Mine", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Our chamber", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Their chamber", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Theirtown", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/audit")]
    [InlineData("/admin/audit?handler=Csv")]
    public async Task A_coordinator_may_not_download_the_trail(string url)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var anonymous = await factory.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/signin", anonymous.Headers.Location!.AbsolutePath);
    }
}
