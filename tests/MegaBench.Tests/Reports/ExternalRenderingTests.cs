using System.Diagnostics;
using MegaBench.Frameworks;
using MegaBench.Reports;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Reports;

/// <summary>
/// The files open in the programs people use: LibreOffice converts the DOCX and XLSX without a repair
/// (it exits non-zero or writes nothing on a file it must repair in headless mode), and Chromium prints the
/// report to a PDF holding every statement. Skipped without the programs, failed under CI.
/// </summary>
public sealed class ExternalRenderingTests
{
    private const string LibreOfficeInstall = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui";

    /// <summary>Runs a program to its end: its exit code, and its output followed by its errors.</summary>
    internal static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    [Theory]
    [InlineData(RoundExportFormat.Docx)]
    [InlineData(RoundExportFormat.Xlsx)]
    public async Task LibreOffice_converts_the_export_to_pdf(RoundExportFormat format)
    {
        var libreoffice = TestEnvironment.RequireTool("libreoffice", LibreOfficeInstall);
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);
        var folder = Directory.CreateTempSubdirectory("megabench-lo-");
        try
        {
            var input = Path.Combine(folder.FullName, $"report.{RoundExports.Extension(format)}");
            await File.WriteAllBytesAsync(input, await ReportFixture.WriteAsync(report, format), TestContext.Current.CancellationToken);

            // A profile of its own, so that a LibreOffice already running (or another test) does not swallow the conversion.
            var (exitCode, output) = await RunAsync(libreoffice, $"-env:UserInstallation=file://{folder.FullName}/profile",
                "--headless", "--convert-to", "pdf", "--outdir", folder.FullName, input);

            var pdf = Path.Combine(folder.FullName, "report.pdf");
            Assert.True(exitCode == 0 && File.Exists(pdf) && new FileInfo(pdf).Length > 1000, $"exit {exitCode}: {output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The XLSX prints: LibreOffice converts a MEGA round (76 statements) to PDF on A4 landscape, every statement
    /// whole (rows as tall as their wrapped text), each sheet as wide as one page, its column headings repeated.
    /// </summary>
    [Fact]
    public async Task LibreOffice_prints_every_statement_of_a_mega_xlsx_whole_on_a4_landscape()
    {
        var libreoffice = TestEnvironment.RequireTool("libreoffice", LibreOfficeInstall);
        var pdftotext = TestEnvironment.RequireTool("pdftotext", "apt-get install poppler-utils");
        var pdfinfo = TestEnvironment.RequireTool("pdfinfo", "apt-get install poppler-utils");
        await using var database = await TestDatabase.CreateAsync();
        var framework = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));
        int roundId;
        await using (var db = database.NewContext())
        {
            var network = await MegaBench.Demo.DemoNetwork.EnsureLoadedAsync(db, framework, TimeProvider.System, TestContext.Current.CancellationToken);
            roundId = db.Rounds.Where(r => r.City!.NetworkId == network.Id).OrderBy(r => r.Id).Select(r => r.Id).First();
        }

        var report = await ReportFixture.LoadAsync(database, roundId);
        var folder = Directory.CreateTempSubdirectory("megabench-lo-xlsx-");
        try
        {
            var input = Path.Combine(folder.FullName, "report.xlsx");
            await File.WriteAllBytesAsync(input, await ReportFixture.WriteAsync(report, RoundExportFormat.Xlsx), TestContext.Current.CancellationToken);
            var (exitCode, output) = await RunAsync(libreoffice, $"-env:UserInstallation=file://{folder.FullName}/profile",
                "--headless", "--convert-to", "pdf", "--outdir", folder.FullName, input);
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            Assert.True(exitCode == 0 && File.Exists(pdf), $"exit {exitCode}: {output}");

            var (_, text) = await RunAsync(pdftotext, pdf, "-");
            // pdftotext joins a word broken at a line's end and drops its hyphen ("like-" / "minded" → "likeminded"): compare without hyphens.
            static string Words(string s) => string.Concat(s.Split((char[])[' ', '\n', '\r', '\f', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace("-", "", StringComparison.Ordinal);
            var printed = Words(text);
            var missing = framework.Indicators.Where(i => !printed.Contains(Words(i.Text.Source), StringComparison.Ordinal)).Select(i => i.Code).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {framework.Indicators.Count()} statements are not printed whole: {string.Join(", ", missing)}\n"
                + string.Join("\n", missing.Select(code => { var at = text.IndexOf(code, StringComparison.Ordinal); return at < 0 ? $"{code}: not printed" : text.Substring(at, Math.Min(400, text.Length - at)); })));

            var (_, info) = await RunAsync(pdfinfo, pdf);
            var size = System.Text.RegularExpressions.Regex.Match(info, @"Page size:\s+([\d.]+) x ([\d.]+) pts");
            Assert.True(size.Success, info);
            Assert.Equal(842, Math.Round(double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(595, Math.Round(double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));

            // Fit to width: no sheet spills its organisation columns onto extra pages, and each page repeats the headings.
            var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries);
            var sheetPages = pages.Where(p => p.Contains("-1.0", StringComparison.Ordinal) || p.Contains("-2.0", StringComparison.Ordinal) || p.Contains("-3.0", StringComparison.Ordinal)).ToList();
            Assert.All(sheetPages, p => Assert.Contains("Statement", p, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Chromium_prints_the_report_with_every_statement_of_the_sheets()
    {
        TestEnvironment.RequireTool("chromium", "apt-get install chromium");
        await using var database = await TestDatabase.CreateAsync();
        var round = await ReportFixture.BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var pdf = await ReportFixture.WriteAsync(report, RoundExportFormat.Pdf);

        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8), "a PDF file");
        var pdftotext = TestEnvironment.RequireTool("pdftotext", "apt-get install poppler-utils");
        var folder = Directory.CreateTempSubdirectory("megabench-pdf-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllBytesAsync(path, pdf, TestContext.Current.CancellationToken);
            var (exitCode, output) = await RunAsync(pdftotext, "-layout", path, "-");
            Assert.Equal(0, exitCode);
            var text = string.Join(' ', output.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
            foreach (var statement in report.Sheets.SelectMany(s => s.Stages).SelectMany(s => s.Rows))
            {
                Assert.Contains(statement.Indicator.Text.Source, text, StringComparison.Ordinal);
            }

            Assert.Contains("[4] Alpha office, AAA-2.02 (coordinator's note)", text, StringComparison.Ordinal);

            // The theme chart is printed as an image: pdfimages lists it after its two header lines.
            var pdfimages = TestEnvironment.RequireTool("pdfimages", "apt-get install poppler-utils");
            var (listed, images) = await RunAsync(pdfimages, "-list", path);
            Assert.Equal(0, listed);
            Assert.Contains(images.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2), line => line.Contains(" image ", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Pdf_without_chromium_says_how_to_install_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-chromium-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<ChromiumNotFoundException>(() => ChromiumPdf.RenderAsync("<p>x</p>", missing, TestContext.Current.CancellationToken));

        Assert.Contains("Install Debian's chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reports:ChromiumPath", error.Message, StringComparison.Ordinal);
    }
}
