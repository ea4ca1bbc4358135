using System.Globalization;
using System.Net;
using System.Text.Json;
using MegaBench.Demo;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Tests.Cli;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Reports;

/// <summary>The report and matching pages on the demo network (MEGA 2018, six fictional cities), checked against the library.</summary>
public sealed class DemoReportTests
{
    private sealed record Demo(int NetworkId, int RoundId, int CityId, string City);

    private static string Whole(double value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);

    /// <summary>Starts the app (which loads the demo) and returns the latest round of a city that has an earlier one.</summary>
    private static async Task<(MegaBenchAppFactory Factory, HttpClient Browser, Demo Demo)> StartAsync(TestDatabase database)
    {
        var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = await factory.CreateAdministratorBrowserAsync();
        await browser.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        await using var db = database.NewContext();
        var network = await db.Networks.SingleAsync(n => n.Name == DemoNetwork.NetworkName, Ct);
        var round = await db.Rounds.Include(r => r.City)
            .Where(r => r.City!.NetworkId == network.Id && r.City.Rounds.Count > 1)
            .OrderByDescending(r => r.Year).ThenBy(r => r.Id)
            .FirstAsync(Ct);
        return (factory, browser, new Demo(network.Id, round.Id, round.CityId, round.City!.Name));
    }

    [Fact]
    public async Task Profile_shows_theme_scores_medians_levels_and_changes_as_the_library_computes_them()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;

        var page = await browser.GetDocumentAsync($"/rounds/{demo.RoundId}/profile");
        // A statement before a colon drops its full stop: never ".:" (issue 13, fix list).
        Assert.DoesNotContain(".:", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await using var db = database.NewContext();
        var scored = (await RoundScores.LoadAsync(db, demo.RoundId, Ct))!;
        var analysis = (await NetworkScores.LoadAsync(db, demo.NetworkId, Ct))!.Analyse()!;
        foreach (var theme in scored.Score.Themes)
        {
            var row = page.QuerySelector($".theme-scores tr[data-theme='{theme.Theme}']")!;
            Assert.StartsWith(Whole(theme.Score!.Value), row.QuerySelector(".city-score")!.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Equal(Whole(analysis.ThemeMedian(theme.Theme)!.Value), row.QuerySelector(".median")!.TextContent.Trim());
        }

        var levels = page.QuerySelectorAll(".levels tbody tr");
        Assert.Equal(scored.Framework.Groups.Count, levels.Length);
        var mun = scored.Score.FindGroup("MUN")!;
        Assert.StartsWith(
            MegaBench.Web.Display.Figures.Level(scored.Framework, mun.MedianLevel),
            page.QuerySelector("#group-MUN .median-level")!.TextContent.Trim(),
            StringComparison.Ordinal);
        var image = page.QuerySelector("img[src$='/charts/themes.png']")!;
        Assert.Contains("against the network median", image.GetAttribute("alt")!, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".organisation-changes li"));
        Assert.NotEmpty(page.QuerySelectorAll(".theme-changes tbody tr"));
        Assert.NotEmpty(page.QuerySelectorAll(".partners li"));
        var findings = analysis.For(demo.CityId);
        Assert.Equal(findings.ThemeStrengths.Count, page.QuerySelectorAll(".findings.strengths > li").Length);
        Assert.Equal(findings.ThemeGaps.Count, page.QuerySelectorAll(".findings.gaps > li").Length);
    }

    [Fact]
    public async Task Profile_shows_practices_of_other_cities_under_a_gap()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;
        await using var db = database.NewContext();
        var scores = (await NetworkScores.LoadAsync(db, demo.NetworkId, Ct))!;
        var city = scores.Analyse()!.StrengthsAndGaps.First(s => s.ThemeGaps.Count > 0);
        var gap = city.ThemeGaps[0].Theme;
        var other = scores.Rounds.First(r => r.City.Id != city.City.Id).City;
        db.Add(new MegaBench.Practices.Practice { CityId = other.Id, Title = "Mentoring circles", Language = "en", Themes = gap, CreatedAt = DateTimeOffset.UnixEpoch });
        db.Add(new MegaBench.Practices.Practice { CityId = city.City.Id, Title = "Its own practice", Language = "en", Themes = gap, CreatedAt = DateTimeOffset.UnixEpoch });
        await db.SaveChangesAsync(Ct);
        var round = scores.Rounds.Single(r => r.City.Id == city.City.Id).Round;

        var page = await browser.GetDocumentAsync($"/rounds/{round.Id}/profile");

        var practices = page.QuerySelectorAll(".findings.gaps .practices li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal([$"Mentoring circles ({other.Name})"], practices.Select(p => string.Join(' ', p.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public async Task Theme_chart_is_a_png_and_an_svg()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;

        var png = await browser.GetAsync(new Uri($"/rounds/{demo.RoundId}/charts/themes.png", UriKind.Relative), Ct);
        var svg = await browser.GetAsync(new Uri($"/rounds/{demo.RoundId}/charts/themes.svg", UriKind.Relative), Ct);
        var missing = await browser.GetAsync(new Uri("/rounds/99999/charts/themes.png", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 5_000, $"{bytes.Length} bytes");
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Overview_prints_every_city_score_and_sorts_by_a_theme_column()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;
        await using var db = database.NewContext();
        var scores = (await NetworkScores.LoadAsync(db, demo.NetworkId, Ct))!;

        var page = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/overview?sort=theme:finance&dir=desc");

        var rows = page.QuerySelectorAll(".theme-heatmap tbody tr");
        Assert.Equal(scores.Rounds.Count, rows.Length);
        var expected = scores.Rounds.OrderByDescending(r => r.Score.FindTheme("finance")!.Score).Select(r => r.City.Name).ToList();
        Assert.Equal(expected, rows.Select(r => r.GetAttribute("data-city")));
        foreach (var round in scores.Rounds)
        {
            var cell = page.QuerySelector($".theme-heatmap tr[data-city='{round.City.Name}'] td[data-theme='finance']")!;
            Assert.StartsWith(Whole(round.Score.FindTheme("finance")!.Score!.Value), cell.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Contains(cell.ClassList, c => c.StartsWith("heat-", StringComparison.Ordinal));
            Assert.Equal($"/rounds/{round.Round.Id}/profile#theme-finance", cell.QuerySelector("a")!.GetAttribute("href"));
        }

        Assert.Equal("descending", page.QuerySelector("th[data-column='theme:finance']")!.GetAttribute("aria-sort"));
        var ascending = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/overview?sort=theme:finance&dir=asc");
        Assert.Equal(Enumerable.Reverse(expected), ascending.QuerySelectorAll(".theme-heatmap tbody tr").Select(r => r.GetAttribute("data-city")));
        Assert.Equal(scores.Rounds.Count, page.QuerySelectorAll(".progress tbody tr").Length);
        Assert.Matches(@"^\d+ of \d+$", page.QuerySelector(".progress .answered")!.TextContent.Trim());
    }

    [Fact]
    public async Task Overview_explains_the_group_codes_and_gives_the_levels_their_own_legend_from_the_framework()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;
        await using var db = database.NewContext();
        var framework = (await NetworkScores.LoadAsync(db, demo.NetworkId, Ct))!.Framework!;

        var page = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/overview");
        var french = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/overview?lang=fr");

        // Each code of the group columns is spelled out, in the reader's language.
        foreach (var group in framework.Groups)
        {
            Assert.Contains($"{group.Code}: {group.Name["en"]}", page.QuerySelector(".group-codes")!.TextContent, StringComparison.Ordinal);
            Assert.Contains($"{group.Code}\u00a0: {group.Name["fr"]}", french.QuerySelector(".group-codes")!.TextContent, StringComparison.Ordinal);
        }

        // The 0–100 bands belong to the theme scores; the levels 0..stages have their own legend, named by the framework's stages.
        Assert.NotNull(page.QuerySelector("#themes ~ .heat-legend.score-legend"));
        var levels = page.QuerySelectorAll(".level-legend li:not(.heat-none)").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(framework.Stages.Count + 1, levels.Count);
        foreach (var stage in framework.Stages)
        {
            Assert.Equal($"{stage.Number}: {stage.Level["en"]}", levels[stage.Number]);
        }

        Assert.Equal($"0: not yet at {framework.Stages[0].Level["en"]}", levels[0]);

        Assert.DoesNotContain("0 not yet at basic level", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matching_page_shows_pairs_with_reasons_and_the_learning_values()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;
        await using var db = database.NewContext();
        var scores = (await NetworkScores.LoadAsync(db, demo.NetworkId, Ct))!;
        var matching = NetworkMatching.Run(scores, MegaBench.Matching.PairingConstraints.None)!;

        var page = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching");

        var pairs = page.QuerySelectorAll(".pairs > li");
        Assert.NotEmpty(pairs);
        Assert.Equal(matching.Pairs.Count, pairs.Length);
        Assert.Equal(
            matching.Pairs.Select(p => string.Join(",", p.Members.Select(m => m.Name))),
            pairs.Select(p => p.GetAttribute("data-members")));
        Assert.All(pairs, p => Assert.Contains(" looks at ", p.QuerySelector(".reason")!.TextContent, StringComparison.Ordinal));
        Assert.Equal(scores.Rounds.Count, page.QuerySelectorAll(".learning-heatmap tbody tr").Length);
        Assert.Equal(MegaBench.Web.Display.Figures.Value(matching.TotalValue), page.QuerySelector(".total-value")!.TextContent.Trim());
    }

    [Fact]
    public async Task Matching_options_exclude_a_pair_and_keep_it_in_the_form()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;
        await using var db = database.NewContext();
        var scores = (await NetworkScores.LoadAsync(db, demo.NetworkId, Ct))!;
        var first = NetworkMatching.Run(scores, MegaBench.Matching.PairingConstraints.None)!.Pairs[0].Members;

        var page = await browser.GetDocumentAsync($"/networks/{demo.NetworkId}/matching?excludeFirst={first[0].Id}&excludeSecond={first[1].Id}");

        Assert.DoesNotContain(page.QuerySelectorAll(".pairs > li"), p => p.GetAttribute("data-members")!.Contains($"{first[0].Name},{first[1].Name}", StringComparison.Ordinal));
        var kept = page.QuerySelector($"input[name=exclude][value='{first[0].Id}-{first[1].Id}']")!;
        Assert.True(kept.HasAttribute("checked"));
    }

    [Fact]
    public async Task Methodology_works_the_example_of_the_first_organisation_in_english_and_french()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;
        await using var db = database.NewContext();
        var scored = (await RoundScores.LoadAsync(db, demo.RoundId, Ct))!;
        var organisation = scored.Score.Groups.SelectMany(g => g.Organisations).First(o => o.Overall.Answered > 0);

        var page = await browser.GetDocumentAsync($"/rounds/{demo.RoundId}/methodology");
        var french = await browser.GetDocumentAsync($"/rounds/{demo.RoundId}/methodology?lang=fr");

        foreach (var stage in organisation.Stages)
        {
            var row = page.QuerySelector($".example-organisation tr[data-stage='{stage.Stage}']")!;
            Assert.Equal($"{stage.Tally.Yes}", row.QuerySelector(".yes")!.TextContent.Trim());
            Assert.Equal($"{stage.Tally.No}", row.QuerySelector(".no")!.TextContent.Trim());
        }

        Assert.Contains(MegaBench.Web.Display.Figures.Level(scored.Framework, organisation.Level), page.QuerySelector(".example-level")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("share met", page.QuerySelector(".rules")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
        Assert.Contains("part atteinte", french.QuerySelector(".rules")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".example-adoption"));
        Assert.NotNull(page.QuerySelector(".example-theme-score"));
    }

    [Fact]
    public async Task Ecosystem_lists_organisations_that_answered_yes_under_each_theme()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;
        await using var db = database.NewContext();
        var scored = (await RoundScores.LoadAsync(db, demo.RoundId, Ct))!;
        var finance = scored.Framework.Indicators.Where(i => i.Themes.Contains("finance")).Select(i => i.Code).ToHashSet();
        var expected = scored.Organisations
            .Where(o => o.Answers.Any(a => a.Value == MegaBench.Answers.AnswerValue.Yes && finance.Contains(a.IndicatorCode)))
            .Select(o => o.Name).ToList();

        var page = await browser.GetDocumentAsync($"/rounds/{demo.RoundId}/ecosystem");

        Assert.Equal(expected, page.QuerySelectorAll(".theme-map[data-theme='finance'] .providers > li").Select(li => li.GetAttribute("data-organisation")));
    }

    [Fact]
    public async Task Narrative_editor_starts_an_empty_conclusion_from_the_draft()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, _) = await StartAsync(database);
        await using var __ = factory;
        await using var db = database.NewContext();
        var scores = (await NetworkScores.LoadAsync(db, (await db.Networks.SingleAsync(Ct)).Id, Ct))!;
        var analysis = scores.Analyse()!;
        var city = analysis.StrengthsAndGaps.First(s => s.ThemeStrengths.Count > 0);
        var round = scores.Rounds.Single(r => r.City.Id == city.City.Id).Round;
        var section = await db.NarrativeSections.SingleAsync(n => n.RoundId == round.Id && n.Kind == MegaBench.Rounds.NarrativeKind.MayShare, Ct);
        section.Markdown = "";
        await db.SaveChangesAsync(Ct);

        var page = await browser.GetDocumentAsync($"/rounds/{round.Id}/narrative/may-share?draft=true");

        var text = page.QuerySelector("textarea")!.TextContent;
        Assert.StartsWith($"{city.City.Name} may share its experiences with regard to", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#draft-notice"));
    }

    [Fact]
    public async Task Api_returns_round_scores_and_network_matching_as_json()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (factory, browser, demo) = await StartAsync(database);
        await using var _ = factory;
        await using var db = database.NewContext();
        var scored = (await RoundScores.LoadAsync(db, demo.RoundId, Ct))!;

        var scores = JsonDocument.Parse(await browser.GetStringAsync(new Uri($"/api/rounds/{demo.RoundId}/scores", UriKind.Relative), Ct)).RootElement;
        var matching = JsonDocument.Parse(await browser.GetStringAsync(new Uri($"/api/networks/{demo.NetworkId}/matching?acrossCountries=true", UriKind.Relative), Ct)).RootElement;
        var bad = await browser.GetAsync(new Uri($"/api/networks/{demo.NetworkId}/matching?exclude=Nowhere,Elsewhere", UriKind.Relative), Ct);

        var finance = scores.GetProperty("score").GetProperty("themes").EnumerateArray().Single(t => t.GetProperty("theme").GetString() == "finance");
        Assert.Equal(scored.Score.FindTheme("finance")!.Score!.Value, finance.GetProperty("score").GetDouble(), 9);
        Assert.True(matching.GetProperty("acrossCountries").GetBoolean());
        Assert.NotEmpty(matching.GetProperty("pairs").EnumerateArray());
        Assert.All(matching.GetProperty("pairs").EnumerateArray(), pair =>
        {
            var countries = pair.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("country").GetString()).ToList();
            Assert.Equal(countries.Count, countries.Distinct().Count());
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Nowhere", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_match_prints_the_pairs_as_text_and_json()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(database, "demo")).ExitCode);
        await using var db = database.NewContext();
        var network = await db.Networks.SingleAsync(Ct);
        var expected = NetworkMatching.Run((await NetworkScores.LoadAsync(db, network.Id, Ct))!, MegaBench.Matching.PairingConstraints.None)!;

        var text = await CliRunner.RunAsync(database, "match", $"{network.Id}");
        var json = await CliRunner.RunAsync(database, "match", $"{network.Id}", "--format", "json", "--exclude", $"{expected.Pairs[0].Members[0].Name},{expected.Pairs[0].Members[1].Name}");
        var unknown = await CliRunner.RunAsync(database, "match", $"{network.Id}", "--exclude", "Atlantis,Lyon");
        var missing = await CliRunner.RunAsync(database, "match", "999");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.All(expected.Pairs, pair => Assert.Contains(string.Join(" + ", pair.Members.Select(m => $"{m.Name} ({m.Country})")), text.Out, StringComparison.Ordinal));
        Assert.Contains(" learns ", text.Out, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        var excluded = JsonDocument.Parse(json.Out).RootElement;
        Assert.Single(excluded.GetProperty("excluded").EnumerateArray());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No city \"Atlantis\"", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no network 999", missing.Error, StringComparison.Ordinal);
    }
}
