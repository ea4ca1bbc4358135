using System.Diagnostics;
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
