using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using MegaBench.Practices;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Cli;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Dw = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace MegaBench.Tests.Reports;

/// <summary>The theme chart as an image in the DOCX and the printed HTML, and the conclusions of the city report.</summary>
public sealed class ReportChartAndConclusionsTests
{
    private static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']);

    [Fact]
    public async Task Docx_embeds_the_theme_chart_as_a_png_image_described_by_its_alt_text()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var docx = await ReportFixture.WriteAsync(report, RoundExportFormat.Docx);

        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = document.MainDocumentPart!;
        var image = Assert.Single(main.ImageParts);
        Assert.Equal("image/png", image.ContentType);
        using (var stream = image.GetStream())
        {
            var bytes = new byte[8];
            stream.ReadExactly(bytes);
            Assert.True(IsPng(bytes), "a PNG picture");
        }

        var drawing = Assert.Single(main.Document!.Descendants<Dw.DocProperties>());
        Assert.Equal(report.ChartAltText, drawing.Description!.Value);
        Assert.Contains("Theme data 88, median 88", drawing.Description.Value, StringComparison.Ordinal);
        var blip = Assert.Single(main.Document.Descendants<DocumentFormat.OpenXml.Drawing.Blip>());
        Assert.Equal(main.GetIdOfPart(image), blip.Embed!.Value);
    }

    [Fact]
    public async Task Printed_html_embeds_the_theme_chart_as_an_image_with_its_alt_text()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var html = new HtmlParser().ParseDocument(RoundHtml.Render(report));

        var image = Assert.Single(html.QuerySelectorAll("figure.chart img.theme-chart"));
        Assert.Equal(report.ChartAltText, image.GetAttribute("alt"));
        const string Prefix = "data:image/png;base64,";
        var source = image.GetAttribute("src")!;
        Assert.StartsWith(Prefix, source, StringComparison.Ordinal);
        Assert.True(IsPng(Convert.FromBase64String(source[Prefix.Length..])), "a PNG picture");
    }

    /// <summary>
    /// On the demo network: a city with strengths and gaps, its conclusions emptied and a practice recorded by
    /// another city on its first gap theme.
    /// </summary>
    private static async Task<(int RoundId, string City, string GapTheme, string PracticeTitle)> DemoCityAsync(TestDatabase database)
    {
        Assert.Equal(0, (await CliRunner.RunAsync(database, "demo")).ExitCode);
        await using var db = database.NewContext();
        var network = await db.Networks.SingleAsync(Ct);
        var scores = (await NetworkScores.LoadAsync(db, network.Id, Ct))!;
        var analysis = scores.Analyse()!;
        var city = analysis.StrengthsAndGaps.First(s => s.ThemeStrengths.Count > 0 && s.ThemeGaps.Count > 0);
        var round = scores.Rounds.Single(r => r.City.Id == city.City.Id).Round;
        foreach (var section in await db.NarrativeSections.Where(n => n.RoundId == round.Id && (n.Kind == NarrativeKind.MayShare || n.Kind == NarrativeKind.MayLookAt)).ToListAsync(Ct))
        {
            section.Markdown = "";
        }

        var teacher = scores.Rounds.First(r => r.City.Id != city.City.Id).City;
        var gap = city.ThemeGaps[0].Theme;
        db.Set<Practice>().Add(new Practice
        {
            CityId = teacher.Id,
            Title = "One-stop desk for newcomers",
            Organisation = "City hall",
            Language = "en",
            Themes = gap,
            Link = "https://example.org/desk",
        });
        await db.SaveChangesAsync(Ct);
        return (round.Id, city.City.Name, gap, "One-stop desk for newcomers");
    }

    [Fact]
    public async Task Empty_conclusions_show_the_draft_and_cite_practices_of_other_cities_on_the_gaps()
    {
        await using var database = await TestDatabase.CreateAsync();
        var demo = await DemoCityAsync(database);
        var report = await ReportFixture.LoadAsync(database, demo.RoundId);

        var text = ReportFixture.DocumentText(await ReportFixture.WriteAsync(report, RoundExportFormat.Docx));
        var html = new HtmlParser().ParseDocument(RoundHtml.Render(report));

        Assert.NotNull(report.Draft);
        Assert.Contains($"[Heading1] {ReportText.ConclusionsHeading}", text, StringComparison.Ordinal);
        Assert.Contains($"{demo.City} may share its experiences with regard to", text, StringComparison.Ordinal);
        Assert.Contains($"{demo.City} may look at", text, StringComparison.Ordinal);
        Assert.Contains(ReportText.DraftNote, text, StringComparison.Ordinal);
        Assert.Contains("One-stop desk for newcomers (", text, StringComparison.Ordinal);
        var conclusions = html.QuerySelector("section.conclusions")!;
        Assert.Contains("cities which do well in", conclusions.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://example.org/desk", conclusions.QuerySelector(".practices a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_coordinators_text_wins_over_the_draft()
    {
        await using var database = await TestDatabase.CreateAsync();
        var demo = await DemoCityAsync(database);
        await using (var db = database.NewContext())
        {
            var section = await db.NarrativeSections.SingleAsync(n => n.RoundId == demo.RoundId && n.Kind == NarrativeKind.MayShare, Ct);
            section.Markdown = "Our own words on what we share.";
            await db.SaveChangesAsync(Ct);
        }

        var report = await ReportFixture.LoadAsync(database, demo.RoundId);
        var text = ReportFixture.DocumentText(await ReportFixture.WriteAsync(report, RoundExportFormat.Docx));

        Assert.Contains("Our own words on what we share.", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"{demo.City} may share its experiences with regard to", text, StringComparison.Ordinal);
        // The other section, still empty, keeps its draft.
        Assert.Contains("cities which do well in", text, StringComparison.Ordinal);
    }
}
