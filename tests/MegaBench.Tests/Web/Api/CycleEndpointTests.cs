using System.Net;
using System.Text.Json;
using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Learning;

namespace MegaBench.Tests.Web.Api;

/// <summary>The learning cycle in the JSON API and as files, with the pages' access rules.</summary>
public sealed class CycleEndpointTests
{
    [Fact]
    public async Task The_cycle_reads_with_each_review_s_stage_and_the_administrator_downloads_the_file_it_imports_from()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var admin = await factory.CreateAdministratorBrowserAsync();

        using var cycle = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"/api/cycles/{built.CycleId}", UriKind.Relative), Ct));
        var file = await admin.GetAsync(new Uri($"/cycles/{built.CycleId}/export.json", UriKind.Relative), Ct);
        var csv = await admin.GetAsync(new Uri($"/cycles/{built.CycleId}/export.csv", UriKind.Relative), Ct);

        Assert.Equal("2024–2025 peer reviews", cycle.RootElement.GetProperty("name").GetString());
        Assert.Equal(2, cycle.RootElement.GetProperty("reviews").GetArrayLength());
        Assert.All(cycle.RootElement.GetProperty("reviews").EnumerateArray(), r => Assert.Equal("deskReview", r.GetProperty("stage").GetString()));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("cycle-2024-2025-peer-reviews.json", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName);
        await using (var db = database.NewContext())
        {
            Assert.Equal(await CycleFile.ExportJsonAsync(db, built.CycleId, Ct), await file.Content.ReadAsByteArrayAsync(Ct));
        }

        Assert.StartsWith("cycle,group,host", await csv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_reads_the_cycle_but_not_its_whole_file_and_a_visitor_reads_only_a_published_review()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().PublishedForAville().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var coordinator = factory.CreateBrowser();
        await coordinator.SignInAsync(built.CoordinatorOfB);
        var visitor = factory.CreateBrowser();

        var read = await coordinator.GetAsync(new Uri($"/api/cycles/{built.CycleId}", UriKind.Relative), Ct);
        var whole = await coordinator.GetAsync(new Uri($"/cycles/{built.CycleId}/export.json", UriKind.Relative), Ct);
        var published = await visitor.GetAsync(new Uri($"/api/reviews/{built.ReviewOfA}", UriKind.Relative), Ct);
        var unpublished = await visitor.GetAsync(new Uri($"/api/reviews/{built.ReviewOfB}", UriKind.Relative), Ct);
        var cycleForVisitor = await visitor.GetAsync(new Uri($"/api/cycles/{built.CycleId}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, whole.StatusCode);
        Assert.Contains("administrators", await whole.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        using var review = JsonDocument.Parse(await published.Content.ReadAsStringAsync(Ct));
        Assert.Equal(JsonValueKind.Null, review.RootElement.GetProperty("briefing").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cycleForVisitor.StatusCode);
    }
}
