using System.Diagnostics;
using MegaBench.BrowserTests.Infrastructure;
using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Pages;

/// <summary>
/// The city report as a coordinator prints it from the browser: each assessment sheet page of the demo round,
/// printed to PDF by Chromium with the print style sheet, holds the text of every statement of its group.
/// </summary>
public sealed class PrintedReportTests(LiveApp app)
{
    /// <summary>
    /// The words of a text, leaving out the sheet's marks and footnote numbers (✓, –, n/d, "✓3", "2"): in the
    /// printed layout they stand on the first line of a row, between the first and the next line of its statement.
    /// The same filter applies to the statements looked for, so that a comparison never depends on it. Words are
    /// joined without spaces: a line may break after a word's own hyphen ("crowd-" / "funding").
    /// </summary>
    private static string Words(string text) =>
        string.Concat(text.Split((char[])[' ', '\n', '\r', '\f', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !System.Text.RegularExpressions.Regex.IsMatch(w, @"^(✓|–|n/d)?\d*$")));

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var pdftotext = TestEnvironment.RequireTool("pdftotext", "apt-get install poppler-utils");
        var path = Path.Combine(Path.GetTempPath(), $"megabench-printed-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, TestContext.Current.CancellationToken);
        try
        {
            // -layout keeps each row's lines together (the reading-order mode moves a cell's later lines after the row).
            using var process = Process.Start(new ProcessStartInfo(pdftotext) { ArgumentList = { "-layout", "-enc", "UTF-8", path, "-" }, RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("MEGABENCH_KEEP_PDF") is null) { File.Delete(path); }
        }
    }

    [Theory]
    [InlineData("MUN")]
    [InlineData("CCI")]
    [InlineData("BUS")]
    [InlineData("IBO")]
    public async Task Printed_sheet_holds_the_text_of_every_statement_of_its_group(string groupCode)
    {
        var framework = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));
        var statements = framework.Indicators.Where(i => i.Group == groupCode).ToList();
        Assert.NotEmpty(statements);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var roundId = await app.DemoRoundIdAsync();
        await PageChecks.OpenAsync(page, $"/rounds/{roundId}/sheets/{groupCode}");

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Landscape = true, PrintBackground = true });

        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8), "a PDF file");
        var text = Words(await PdfTextAsync(pdf));
        var missing = statements.Where(s => !text.Contains(Words(s.Text.Source), StringComparison.Ordinal)).Select(s => s.Code).ToList();
        Assert.True(missing.Count == 0, $"Statements missing from the printed sheet: {string.Join(", ", missing)}.");
    }

    [Theory]
    [InlineData("MUN")]
    [InlineData("BUS")]
    public async Task Printed_sheet_keeps_each_stage_heading_with_its_first_rows_and_prints_each_totals_row_once(string groupCode)
    {
        var framework = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.OpenAsync(page, $"/rounds/{await app.DemoRoundIdAsync()}/sheets/{groupCode}");

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Landscape = true, PrintBackground = true });
        var pages = (await PdfTextAsync(pdf)).Split('\f');

        foreach (var stage in framework.Stages)
        {
            var heading = $"{stage.Number}. {stage.Name.Source}";
            var first = framework.Indicators.First(i => i.Group == groupCode && i.Stage == stage.Number).Code;
            var at = Array.FindIndex(pages, p => p.Contains(heading, StringComparison.Ordinal));
            Assert.True(at >= 0, $"'{heading}' is not printed.");
            Assert.True(pages[at].Contains(first, StringComparison.Ordinal), $"'{heading}' is printed on page {at + 1}, but its first statement {first} is not on that page.");
        }

        // The totals row closes its stage once: a repeated table footer would print it at the foot of every page.
        var totals = pages.Sum(p => p.Split(SheetTotalsHeadingStart, StringSplitOptions.None).Length - 1);
        Assert.Equal(framework.Stages.Count, totals);
    }

    private const string SheetTotalsHeadingStart = "Statements met";
}
