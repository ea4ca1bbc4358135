using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using MegaBench.Answers;
using MegaBench.Localization;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Reports;

/// <summary>
/// The city report in the reader's language (issue 13, part 6): a French report has no English word of the interface
/// in its PDF, DOCX, XLSX, CSV header or chart. "English of the interface" is read from the resource file: the texts
/// between the placeholders of every key that French translates differently, kept when the English report of the same
/// round shows them (<see cref="EnglishFragments"/>), plus the common English words of <see cref="EnglishLeft"/>.
/// </summary>
/// <remarks>
/// The round's data is French or neutral (names, comments, narrative, a framework translated throughout), so any English
/// word left is interface, not data.
/// </remarks>
public sealed class ReportLanguageTests
{
    /// <summary>A round of « Villebelle » with French data, one answer carried over from 2017.</summary>
    internal static async Task<BuiltRound> BuildFrenchAsync(TestDatabase database)
    {
        var round = await new RoundBuilder()
            .WithFramework(new FrameworkBuilder().TranslatedIntoFrench().Build())
            .InNetwork("Réseau des villes")
            .ForCity("Villebelle", "France")
            .InYear(2018)
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Bureau Alpha", "AAA", "Réponses données par téléphone.",
                new("AAA-1.01", AnswerValue.Yes, Comment: "Un guichet depuis 2015."),
                new("AAA-1.02", AnswerValue.Yes),
                new("AAA-2.01", AnswerValue.No),
                new("AAA-2.02", AnswerValue.NotDetermined, Note: "La réponse positive n’est pas étayée."),
                new("AAA-3.01", AnswerValue.No))
            .WithOrganisation("Chambre Bêta", "AAA", null,
                new("AAA-1.01", AnswerValue.No),
                new("AAA-1.02", AnswerValue.Yes))
            .WithOrganisation("Association Gamma", "BBB", null,
                new("BBB-1.01", AnswerValue.Yes),
                new("BBB-1.02", AnswerValue.Yes))
            .WithNarrative(NarrativeKind.NationalContext, "Les entrepreneurs migrants sont **nombreux**.\n\n- un guichet\n- un réseau\n")
            .WithNarrative(NarrativeKind.MayShare, "1. Son guichet\n2. Son *parrainage*\n")
            .BuildAsync(database);
        await using var db = database.NewContext();
        var carried = await db.Set<Answer>().SingleAsync(a => a.OrganisationId == round.Organisations["Chambre Bêta"] && a.IndicatorCode == "AAA-1.02", Ct);
        carried.CarriedOverFrom = 2017;
        // Any EF save clears the mark (MegaBenchDbContext): set it with an update that bypasses the tracker.
        await db.Set<Answer>().Where(a => a.Id == carried.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.CarriedOverFrom, 2017), Ct);
        return round;
    }

    private static async Task<RoundReport> LoadAsync(TestDatabase database, int roundId, string language)
    {
        await using var db = database.NewContext();
        var report = await RoundReport.LoadAsync(db, roundId, Ct) with { Text = InterfaceText.For(language) };
        return await RoundReport.CompareAsync(db, report, Ct);
    }

    /// <summary>
    /// The English of the interface: each key of the French resource file cut at its placeholders, each piece with at
    /// least two letters, less the pieces French writes the same ("organisation", "version", "n/d").
    /// </summary>
    private static IReadOnlyList<string> InterfaceFragments()
    {
        var entries = SharedResources.Read("fr");
        var fragments = entries
            .SelectMany(e => Regex.Split(e.Key, @"\{\d+\}"))
            .Select(f => f.Trim(' ', ',', '.', ':', ';', '(', ')', '–', '-', '\n'))
            .Where(f => f.Count(char.IsLetter) >= 2)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var french = string.Join("\n", entries.Select(e => e.Value));
        return [.. fragments.Except(Occurring(french, fragments), StringComparer.Ordinal)];
    }

    private static IReadOnlyList<string> Occurring(string text, IEnumerable<string> fragments) =>
        [.. fragments.Where(f => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(f)}(?![\p{{L}}\p{{N}}])"))];

    /// <summary>The interface's English that the English export shows: the list a French export must not contain.</summary>
    private static IReadOnlyList<string> EnglishFragments(string englishExport)
    {
        var fragments = Occurring(englishExport, InterfaceFragments());
        Assert.Contains("Statement", fragments);
        return fragments;
    }

    private static void AssertNoEnglish(string french, string english)
    {
        var left = Occurring(french, EnglishFragments(english));
        Assert.True(left.Count == 0, $"English interface text left: {string.Join(" | ", left)}\n\n{french}");
        var words = EnglishLeft.WordsIn(french);
        Assert.True(words.Count == 0, $"English words left: {string.Join(", ", words)}\n\n{french}");
    }

    /// <summary>The DOCX's text without the style names that <see cref="ReportFixture.DocumentText"/> puts before each line.</summary>
    private static string DocxText(byte[] docx) =>
        Regex.Replace(ReportFixture.DocumentText(docx), @"\[[A-Za-z0-9]+\] |\(header\) |\(list \d+\) ", "");

    [Fact]
    public async Task French_city_report_as_docx_has_no_english_interface_text()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildFrenchAsync(database);
        var english = DocxText(await ReportFixture.WriteAsync(await LoadAsync(database, round.RoundId, "en"), RoundExportFormat.Docx));

        var docx = await ReportFixture.WriteAsync(await LoadAsync(database, round.RoundId, "fr"), RoundExportFormat.Docx);

        var french = DocxText(docx);
        AssertNoEnglish(french, english);
        Assert.Contains("Grilles d’évaluation", french, StringComparison.Ordinal);
        Assert.Contains("Groupe AAA", french, StringComparison.Ordinal);
        Assert.Contains("AAA énoncé 1.01.", french, StringComparison.Ordinal);
        Assert.Contains("Objectif final\u00a0:", french, StringComparison.Ordinal);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Equal("Analyse comparative de Villebelle (France), 2018 – Cadre de test", document.PackageProperties.Title);
        Assert.Equal("fr", document.PackageProperties.Language);
        var chart = document.MainDocumentPart!.Document!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Single();
        AssertNoEnglish(chart.Description!.Value! + " " + chart.Name!.Value, english);
    }

    [Fact]
    public async Task French_city_report_as_pdf_has_no_english_interface_text_and_names_megabench_and_the_round()
    {
        TestEnvironment.RequireTool("chromium", "apt-get install chromium");
        var pdftotext = TestEnvironment.RequireTool("pdftotext", "apt-get install poppler-utils");
        var pdfinfo = TestEnvironment.RequireTool("pdfinfo", "apt-get install poppler-utils");
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildFrenchAsync(database);
        var englishReport = await LoadAsync(database, round.RoundId, "en");
        var frenchReport = await LoadAsync(database, round.RoundId, "fr");

        var english = await PdfTextAsync(pdftotext, pdfinfo, await ReportFixture.WriteAsync(englishReport, RoundExportFormat.Pdf));
        var french = await PdfTextAsync(pdftotext, pdfinfo, await ReportFixture.WriteAsync(frenchReport, RoundExportFormat.Pdf));

        AssertNoEnglish(french.Text, english.Text);
        Assert.Contains("Grille d’évaluation – Groupe AAA (AAA)", french.Text, StringComparison.Ordinal);
        Assert.Equal("Analyse comparative de Villebelle (France), 2018 – Cadre de test", french.Info["Title"]);
        Assert.Equal("Benchmark of Villebelle (France), 2018 – Test framework", english.Info["Title"]);
        Assert.Equal("MegaBench", french.Info["Creator"]);
        // The HTML that was printed: its language, and the chart's alt text.
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(RoundHtml.Render(frenchReport));
        Assert.Equal("fr", html.DocumentElement.GetAttribute("lang"));
        AssertNoEnglish(html.QuerySelector("img.theme-chart")!.GetAttribute("alt")!, english.Text + " " + RoundHtml.Render(englishReport));
    }

    private static async Task<(string Text, IReadOnlyDictionary<string, string> Info)> PdfTextAsync(string pdftotext, string pdfinfo, byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("megabench-pdf-language-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllBytesAsync(path, pdf, Ct);
            var text = await RunAsync(pdftotext, path, "-");
            var info = (await RunAsync(pdfinfo, path)).Split('\n').Where(l => l.Contains(':', StringComparison.Ordinal))
                .Select(l => (Key: l[..l.IndexOf(':', StringComparison.Ordinal)], Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
            return (string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries)), info);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var (exitCode, output) = await ExternalRenderingTests.RunAsync(program, arguments);
        Assert.True(exitCode == 0, $"{program} failed: {output}");
        return output;
    }

    [Fact]
    public async Task French_xlsx_has_french_sheets_headings_and_sheet_names()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildFrenchAsync(database);
        var englishXlsx = await ReportFixture.WriteAsync(await LoadAsync(database, round.RoundId, "en"), RoundExportFormat.Xlsx);
        var english = string.Join("\n", ReportFixture.SheetNames(englishXlsx).Select(n => ReportFixture.WorksheetText(englishXlsx, n)));

        var xlsx = await ReportFixture.WriteAsync(await LoadAsync(database, round.RoundId, "fr"), RoundExportFormat.Xlsx);

        Assert.Equal(["AAA Groupe AAA", "BBB Groupe BBB", "Scores"], ReportFixture.SheetNames(xlsx));
        var french = string.Join("\n", ReportFixture.SheetNames(xlsx).Select(n => ReportFixture.WorksheetText(xlsx, n)));
        // The scores sheet's first column holds the themes' codes ("data", "finance"): data, not interface.
        AssertNoEnglish(Regex.Replace(french, @"^(data|finance|networking) \|", "", RegexOptions.Multiline), english);
        Assert.Contains("Code | Énoncé | Bureau Alpha [1] | Chambre Bêta", french, StringComparison.Ordinal);
        Assert.Contains("Groupe | Organisation | Étape | Oui | Non | Non déterminé | Sans réponse | Part atteinte (%)", french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task French_csv_has_french_column_names_and_the_same_values()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildFrenchAsync(database);

        var english = Encoding.UTF8.GetString(await ReportFixture.WriteAsync(await LoadAsync(database, round.RoundId, "en"), RoundExportFormat.Csv)).Split("\r\n");
        var french = Encoding.UTF8.GetString(await ReportFixture.WriteAsync(await LoadAsync(database, round.RoundId, "fr"), RoundExportFormat.Csv)).Split("\r\n");

        Assert.Equal(string.Join(',', RoundCsv.Header), english[0]);
        Assert.Equal("réseau,ville,pays,année,code_groupe,nom_groupe,organisation,code_énoncé,étape,énoncé,thèmes,réponse,commentaire,justificatif,note_coordinateur", french[0]);
        // Values stay machine-readable: the answer column says "yes" in every language.
        Assert.Contains(french, line => line.StartsWith("\"Réseau des villes\",\"Villebelle\",\"France\",\"2018\",\"AAA\",\"Groupe AAA\",\"Bureau Alpha\",\"AAA-1.01\",\"1\",\"AAA énoncé 1.01.\",", StringComparison.Ordinal)
                                        && line.Contains(",\"yes\",", StringComparison.Ordinal));
    }

    [Fact]
    public async Task French_chart_has_french_title_axis_and_legend()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildFrenchAsync(database);
        var report = await LoadAsync(database, round.RoundId, "fr");

        var svg = ThemeChart.Svg(report.CityName, report.ChartRows, report.Text);
        var english = ThemeChart.Svg(report.CityName, (await LoadAsync(database, round.RoundId, "en")).ChartRows);

        Assert.Contains("Villebelle\u00a0: scores par thème face à la médiane du réseau", WebUtility.HtmlDecode(svg), StringComparison.Ordinal);
        Assert.Contains("Médiane du réseau", WebUtility.HtmlDecode(svg), StringComparison.Ordinal);
        Assert.Contains("Thème Données", WebUtility.HtmlDecode(svg), StringComparison.Ordinal);
        Assert.Contains("Network median", english, StringComparison.Ordinal);
        foreach (var word in new[] { "Network median", "against the network median", "no data", "little data", "Theme data" })
        {
            Assert.DoesNotContain(word, WebUtility.HtmlDecode(svg), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Carried_over_answers_show_their_mark_and_notice_in_the_pdf_html_docx_and_xlsx()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildFrenchAsync(database);
        var report = await LoadAsync(database, round.RoundId, "en");
        const string Notice = "1 answer on this sheet (marked ↻) is carried over from the 2017 round";

        var html = RoundHtml.Render(report);
        var docx = DocxText(await ReportFixture.WriteAsync(report, RoundExportFormat.Docx));
        var xlsx = ReportFixture.WorksheetText(await ReportFixture.WriteAsync(report, RoundExportFormat.Xlsx), "AAA Group AAA");
        var french = DocxText(await ReportFixture.WriteAsync(await LoadAsync(database, round.RoundId, "fr"), RoundExportFormat.Docx));

        Assert.Contains(Notice, html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"mark\">✓ ↻</td>", html, StringComparison.Ordinal);
        Assert.Contains(Notice, docx, StringComparison.Ordinal);
        Assert.Contains("| ✓ ↻", docx, StringComparison.Ordinal);
        Assert.Contains(Notice, xlsx, StringComparison.Ordinal);
        Assert.Contains("AAA-1.02 | AAA statement 1.02. | ✓ | ✓ ↻", xlsx, StringComparison.Ordinal);
        // French plural rule: 1 is singular, as 0 would be.
        Assert.Contains("1 réponse de cette grille (marquée ↻) est reprise du cycle 2017", french, StringComparison.Ordinal);
    }
}
