using System.Net;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Reports;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Api;

public sealed class ExportEndpointTests
{
    /// <summary>Reads rounds, but not the organisation named "Beta chamber".</summary>
    private sealed class HidesOneOrganisation(int hidden) : AccessPolicy
    {
        public override bool CanRead(AccessScope scope) => scope.OrganisationId != hidden;
    }

    [Theory]
    [InlineData("csv", "text/csv; charset=utf-8")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("json", "application/json")]
    public async Task Each_download_has_its_content_type_and_a_file_name_from_the_city(string format, string contentType)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database, "Saint-Étienne");
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateClient().GetAsync(new Uri($"/rounds/{round.RoundId}/export.{format}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal($"megabench-saint-etienne-2018.{format}", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.True((await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 100);
    }

    [Fact]
    public async Task Lang_fr_or_a_french_browser_gets_the_exports_and_the_chart_in_french()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        Uri Address(string path) => new(path, UriKind.Relative);

        var csv = await client.GetStringAsync(Address($"/rounds/{round.RoundId}/export.csv?lang=fr"), TestContext.Current.CancellationToken);
        var docx = await client.GetByteArrayAsync(Address($"/rounds/{round.RoundId}/export.docx?lang=fr"), TestContext.Current.CancellationToken);
        var svg = await client.GetStringAsync(Address($"/rounds/{round.RoundId}/charts/themes.svg?lang=fr"), TestContext.Current.CancellationToken);
        var english = await factory.CreateClient().GetStringAsync(Address($"/rounds/{round.RoundId}/export.csv"), TestContext.Current.CancellationToken);
        using var browser = factory.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var fromBrowser = await browser.GetStringAsync(Address($"/rounds/{round.RoundId}/export.csv"), TestContext.Current.CancellationToken);

        Assert.StartsWith("réseau,ville,pays,année,", csv, StringComparison.Ordinal);
        Assert.Contains("[Heading1] Grilles d’évaluation", ReportFixture.DocumentText(docx), StringComparison.Ordinal);
        Assert.Contains("Médiane du réseau", WebUtility.HtmlDecode(svg), StringComparison.Ordinal);
        Assert.StartsWith("network,city,country,year,", english, StringComparison.Ordinal);
        Assert.StartsWith("réseau,ville,", fromBrowser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_not_found_and_names_the_formats()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateClient().GetAsync(new Uri($"/rounds/{round.RoundId}/export.odt", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("csv, xlsx, docx, pdf, json", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_leave_out_the_organisations_the_reader_may_not_see_and_json_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var hiding = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<AccessPolicy>(new HidesOneOrganisation(round.Organisations["Beta chamber"]))));
        var client = hiding.CreateClient();

        var csv = await client.GetStringAsync(new Uri($"/rounds/{round.RoundId}/export.csv", UriKind.Relative), TestContext.Current.CancellationToken);
        var json = await client.GetAsync(new Uri($"/rounds/{round.RoundId}/export.json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("Alpha office", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Beta chamber", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
    }

    [Theory]
    [InlineData("/rounds/{round}")]
    [InlineData("/rounds/{round}/sheets/AAA")]
    public async Task Round_and_sheet_pages_link_every_download(string template)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await factory.CreateClient().GetStringAsync(
            new Uri(template.Replace("{round}", $"{round.RoundId}", StringComparison.Ordinal), UriKind.Relative), TestContext.Current.CancellationToken);

        foreach (var format in new[] { "pdf", "docx", "xlsx", "csv", "json" })
        {
            Assert.Contains($"href=\"/rounds/{round.RoundId}/export.{format}\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pdf_download_is_printed_by_chromium_or_says_how_to_install_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var missing = factory.WithWebHostBuilder(b => b.UseSetting("Reports:ChromiumPath", "/nonexistent/chromium"));

        var refused = await missing.CreateClient().GetAsync(new Uri($"/rounds/{round.RoundId}/export.pdf", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("Install Debian's chromium", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        TestEnvironment.RequireTool("chromium", "apt-get install chromium");
        var printed = await factory.CreateClient().GetAsync(new Uri($"/rounds/{round.RoundId}/export.pdf", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        Assert.Equal("application/pdf", printed.Content.Headers.ContentType!.ToString());
        Assert.Equal("megabench-demoville-2018.pdf", printed.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.True((await printed.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).AsSpan().StartsWith("%PDF-"u8));
    }
}
