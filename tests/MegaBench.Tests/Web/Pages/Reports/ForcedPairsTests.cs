using System.Net;
using System.Text.Json;
using MegaBench.Matching;
using MegaBench.Practices;
using MegaBench.Reports;
using MegaBench.Tests.Cli;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Reports;

/// <summary>Forced pairs and cited practices on the matching page, the API and the command line (demo network).</summary>
public sealed class ForcedPairsTests
{
    private sealed record Demo(int NetworkId, NetworkMatching Matching, MatchedCity A, MatchedCity B, MatchedCity C, MatchedCity SameCountryA, MatchedCity SameCountryB);

    /// <summary>Two cities the unconstrained matching does not pair, and two cities of one country.</summary>
    private static async Task<Demo> DemoAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var network = await db.Networks.SingleAsync(Ct);
        var matching = NetworkMatching.Run((await NetworkScores.LoadAsync(db, network.Id, Ct))!, PairingConstraints.None)!;
        var together = matching.Pairs.Select(p => p.Members.Select(m => m.Id).ToHashSet()).ToList();
        var (a, b) = matching.Cities.SelectMany(x => matching.Cities.Where(y => y.Id > x.Id).Select(y => (x, y)))
            .First(p => !together.Any(g => g.Contains(p.x.Id) && g.Contains(p.y.Id)));
        var same = matching.Cities.GroupBy(c => c.Country).First(g => g.Count() >= 2).Take(2).ToList();
        var c = matching.Cities.First(x => x.Id != a.Id && x.Id != b.Id);
        return new Demo(network.Id, matching, a, b, c, same[0], same[1]);
    }

    [Fact]
    public async Task Administrator_forces_a_pair_in_the_form_and_keeps_it_ticked()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var demo = await DemoAsync(database);

        var page = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching?forceFirst={demo.A.Id}&forceSecond={demo.B.Id}");

        var pair = page.QuerySelector($".pairs > li[data-members^='{demo.A.Name},{demo.B.Name}']")!;
        Assert.Contains("forced", pair.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector($"input[name=force][value='{demo.A.Id}-{demo.B.Id}']")!.HasAttribute("checked"));
        Assert.NotNull(page.QuerySelector("fieldset.forced-pairs select#forceFirst"));
    }

    [Fact]
    public async Task Contradictory_forced_pairs_are_left_out_with_a_message_and_stay_in_the_form_unticked()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var demo = await DemoAsync(database);
        var (s1, s2) = (demo.SameCountryA, demo.SameCountryB);

        var across = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching?acrossCountries=true&force={s1.Id}-{s2.Id}");
        var excluded = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching?exclude={demo.A.Id}-{demo.B.Id}&force={demo.A.Id}-{demo.B.Id}");
        var twice = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching?force={demo.A.Id}-{demo.B.Id}&force={demo.A.Id}-{demo.C.Id}");
        var unknown = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching?force=99999-{demo.A.Id}");

        Assert.Contains("different countries only", across.QuerySelector(".matching-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(across.QuerySelector($"input[name=force][value='{s1.Id}-{s2.Id}']")!.HasAttribute("checked"));
        Assert.NotEmpty(across.QuerySelectorAll(".pairs > li"));
        Assert.Contains("both forced and excluded", excluded.QuerySelector(".matching-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("one pair at most", twice.QuerySelector(".matching-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not two different cities of this network", unknown.QuerySelector(".matching-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_has_no_forced_pairs_form_and_a_forced_pair_in_the_address_is_ignored()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var reader = factory.CreateBrowser();
        await reader.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        var demo = await DemoAsync(database);

        var page = await reader.GetDocumentAsync($"/networks/{demo.NetworkId}/matching?force={demo.A.Id}-{demo.B.Id}");

        Assert.Null(page.QuerySelector("fieldset.forced-pairs"));
        Assert.Contains("Only the network’s administrators can force pairs", page.QuerySelector(".matching-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(demo.Matching.Pairs.Count, page.QuerySelectorAll(".pairs > li").Length);
    }

    [Fact]
    public async Task Api_forces_pairs_and_rejects_contradictions_with_a_problem()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var demo = await DemoAsync(database);
        var address = $"/api/networks/{demo.NetworkId}/matching";

        var forced = JsonDocument.Parse(await browser.GetStringAsync(new Uri($"{address}?force={demo.A.Name},{demo.B.Name}", UriKind.Relative), Ct)).RootElement;
        var across = await browser.GetAsync(new Uri($"{address}?acrossCountries=true&force={demo.SameCountryA.Id},{demo.SameCountryB.Id}", UriKind.Relative), Ct);
        var twice = await browser.GetAsync(new Uri($"{address}?force={demo.A.Id},{demo.B.Id}&force={demo.B.Id},{demo.C.Id}", UriKind.Relative), Ct);
        var unknown = await browser.GetAsync(new Uri($"{address}?force=Atlantis,{demo.A.Id}", UriKind.Relative), Ct);

        var pair = forced.GetProperty("pairs").EnumerateArray().Single(p => p.GetProperty("forced").GetBoolean());
        Assert.Equal([demo.A.Id, demo.B.Id], pair.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetInt32()).Order());
        Assert.Single(forced.GetProperty("forced").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, across.StatusCode);
        Assert.Contains("different countries only", await across.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("forced into two pairs", await twice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("No city \\\"Atlantis\\\"", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_match_forces_pairs_and_explains_contradictions()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(database, "demo")).ExitCode);
        var demo = await DemoAsync(database);
        var id = $"{demo.NetworkId}";

        var forced = await CliRunner.RunAsync(database, "match", id, "--force", $"{demo.A.Name},{demo.B.Name}");
        var json = await CliRunner.RunAsync(database, "match", id, "--format", "json", "--force", $"{demo.A.Id},{demo.B.Id}");
        var across = await CliRunner.RunAsync(database, "match", id, "--across-countries", "--force", $"{demo.SameCountryA.Name},{demo.SameCountryB.Name}");
        var excluded = await CliRunner.RunAsync(database, "match", id, "--exclude", $"{demo.A.Name},{demo.B.Name}", "--force", $"{demo.B.Name},{demo.A.Name}");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains($"{demo.A.Name} ({demo.A.Country}) + {demo.B.Name} ({demo.B.Country}): value", forced.Out, StringComparison.Ordinal);
        Assert.Contains(", forced", forced.Out, StringComparison.Ordinal);
        Assert.Contains("forcing ", forced.Out, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains(JsonDocument.Parse(json.Out).RootElement.GetProperty("pairs").EnumerateArray(), p => p.GetProperty("forced").GetBoolean());
        Assert.Equal(1, across.ExitCode);
        Assert.Contains("different countries only", across.Error, StringComparison.Ordinal);
        Assert.Equal(1, excluded.ExitCode);
        Assert.Contains("both forced and excluded", excluded.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pair_explanations_cite_the_teachers_practices_on_the_themes_the_learner_looks_at()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var demo = await DemoAsync(database);
        var link = demo.Matching.Pairs.SelectMany(p => p.Learning).First(l => l.Terms.Any(t => t.Level == "theme"));
        var theme = link.Terms.First(t => t.Level == "theme").Code;
        await using (var db = database.NewContext())
        {
            db.Set<Practice>().Add(new Practice { CityId = link.TeacherId, Title = "Mentoring circle", Language = "en", Themes = theme, Organisation = "Chamber" });
            db.Set<Practice>().Add(new Practice { CityId = link.TeacherId, Title = "Unrelated practice", Language = "en", Themes = "no-such-theme" });
            await db.SaveChangesAsync(Ct);
        }

        var page = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching");
        var api = JsonDocument.Parse(await browser.GetStringAsync(new Uri($"/api/networks/{demo.NetworkId}/matching", UriKind.Relative), Ct)).RootElement;
        var cli = await CliRunner.RunAsync(database, "match", $"{demo.NetworkId}");

        var cited = page.QuerySelectorAll(".reason .practices .practice").Select(p => p.TextContent.Trim()).ToList();
        Assert.Contains("Mentoring circle (Chamber)", cited);
        Assert.DoesNotContain(cited, c => c.Contains("Unrelated", StringComparison.Ordinal));
        var apiLink = api.GetProperty("pairs").EnumerateArray().SelectMany(p => p.GetProperty("learning").EnumerateArray())
            .Single(l => l.GetProperty("learnerId").GetInt32() == link.LearnerId && l.GetProperty("teacherId").GetInt32() == link.TeacherId);
        Assert.Equal("Mentoring circle", Assert.Single(apiLink.GetProperty("practices").EnumerateArray()).GetProperty("title").GetString());
        Assert.Contains($"practice of {link.Teacher}: Mentoring circle (Chamber)", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matching_page_reads_in_french_with_no_untranslated_text_and_french_conclusions_on_the_profile()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var demo = await DemoAsync(database);
        var strong = demo.Matching.Pairs.SelectMany(p => p.Members).First();

        var page = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching?lang=fr&forceFirst={demo.A.Id}&forceSecond={demo.B.Id}");
        var profile = await browser.GetDocumentAsync($"/rounds/{strong.RoundId}/profile?lang=fr");

        Assert.Contains("binômes d’évaluation par les pairs", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(" s’inspire de ", page.QuerySelector(".reason")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("imposé", page.QuerySelector($".pairs > li[data-members^='{demo.A.Name},{demo.B.Name}'] h3")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main .untranslated"));
        // The demo's coordinators wrote their conclusions (in English): the profile shows them under French labels.
        Assert.Contains("Peut partager", profile.QuerySelector("dl.conclusions")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(profile.QuerySelectorAll("main .untranslated"));
    }

    [Fact]
    public async Task Methodology_works_a_learning_value_from_two_cities_of_the_network_in_english_and_french()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var demo = await DemoAsync(database);
        var city = demo.Matching.Pairs[0].Members[0];

        var page = await browser.GetDocumentAsync($"/rounds/{city.RoundId}/methodology");
        var french = await browser.GetDocumentAsync($"/rounds/{city.RoundId}/methodology?lang=fr");

        await using var db = database.NewContext();
        var analysis = (await NetworkScores.LoadAsync(db, demo.NetworkId, Ct))!.Analyse()!;
        var heading = page.QuerySelector("#matching-example")!.TextContent;
        var other = demo.Matching.Cities.Single(c => c.Id != city.Id && heading.Contains(c.Name, StringComparison.Ordinal));
        var (learner, teacher) = heading.IndexOf(city.Name, StringComparison.Ordinal) < heading.IndexOf(other.Name, StringComparison.Ordinal) ? (city, other) : (other, city);
        var value = analysis.Learning(learner.Id, teacher.Id);
        Assert.True(value.Value > 0);
        Assert.Equal(MegaBench.Web.Display.Figures.Value(value.Value), page.QuerySelector(".matching-example-value .forward")!.TextContent);
        Assert.Equal(MegaBench.Web.Display.Figures.Value(analysis.LearningValueOf(teacher.Id, learner.Id)), page.QuerySelector(".matching-example-value .back")!.TextContent);
        Assert.Equal(value.Items.Count, page.QuerySelectorAll("table.matching-example tbody tr").Length);
        Assert.Contains("L(A←B)", page.QuerySelector("#matching-method .formula")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Exemple chiffré", french.QuerySelector("#matching-example")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(french.QuerySelectorAll("#matching-method .untranslated"));
    }
}
