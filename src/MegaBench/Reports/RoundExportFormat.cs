using MegaBench.Data;
using MegaBench.Localization;
using MegaBench.Rounds;

namespace MegaBench.Reports;

/// <summary>The export formats of a round, as the CLI and the web name them.</summary>
public enum RoundExportFormat
{
    Csv,
    Xlsx,
    Docx,
    Pdf,
    Json,
}

/// <summary>One entry point for every export of a round, shared by the CLI and the web.</summary>
public static class RoundExports
{
    public static bool TryParse(string? text, out RoundExportFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(text, out _);

    public static string Names => "csv, xlsx, docx, pdf, json";

    public static string ContentType(RoundExportFormat format) => format switch
    {
        RoundExportFormat.Csv => "text/csv; charset=utf-8",
        RoundExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        RoundExportFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        RoundExportFormat.Pdf => "application/pdf",
        _ => "application/json",
    };

    public static string Extension(RoundExportFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>"megabench-paris-2018.xlsx": the city name reduced to letters, digits and hyphens.</summary>
    public static string FileName(string city, int year, RoundExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(city);
        var slug = new string([.. city.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return $"megabench-{(slug.Length == 0 ? "round" : slug)}-{year}.{Extension(format)}";
    }

    /// <summary>Writes a round in one format, in English.</summary>
    /// <exception cref="RoundNotFoundException">No round has that id.</exception>
    /// <exception cref="ChromiumNotFoundException">PDF asked and Chromium not installed.</exception>
    public static Task WriteAsync(MegaBenchDbContext db, int roundId, RoundExportFormat format, Stream output, string? chromiumPath, CancellationToken cancellationToken) =>
        WriteAsync(db, roundId, format, output, chromiumPath, InterfaceText.English, cancellationToken);

    /// <summary>Writes a round in one format, with the words of <paramref name="text"/>'s language (JSON has none).</summary>
    /// <exception cref="RoundNotFoundException">No round has that id.</exception>
    /// <exception cref="ChromiumNotFoundException">PDF asked and Chromium not installed.</exception>
    public static async Task WriteAsync(MegaBenchDbContext db, int roundId, RoundExportFormat format, Stream output, string? chromiumPath, InterfaceText text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        if (format == RoundExportFormat.Json)
        {
            await RoundExporter.ExportAsync(db, roundId, output, cancellationToken);
            return;
        }

        if (format == RoundExportFormat.Pdf)
        {
            // Found before the round is loaded, so that a missing browser is reported at once.
            ChromiumPdf.Locate(chromiumPath);
        }

        var report = await RoundReport.LoadAsync(db, roundId, cancellationToken) with { Text = text };
        if (format is RoundExportFormat.Docx or RoundExportFormat.Pdf)
        {
            // The city report shows the chart's medians and the conclusions: it needs the network.
            report = await RoundReport.CompareAsync(db, report, cancellationToken);
        }

        await WriteAsync(report, format, output, chromiumPath, cancellationToken);
    }

    /// <summary>Writes a loaded report in CSV, XLSX, DOCX or PDF.</summary>
    public static async Task WriteAsync(RoundReport report, RoundExportFormat format, Stream output, string? chromiumPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        switch (format)
        {
            case RoundExportFormat.Csv:
                await RoundCsv.WriteAsync(report, output, cancellationToken);
                break;
            case RoundExportFormat.Xlsx:
                await RoundXlsx.WriteAsync(report, output, cancellationToken);
                break;
            case RoundExportFormat.Docx:
                await RoundDocx.WriteAsync(report, output, cancellationToken);
                break;
            case RoundExportFormat.Pdf:
                var pdf = await ChromiumPdf.RenderAsync(RoundHtml.Render(report), chromiumPath, cancellationToken);
                await output.WriteAsync(pdf, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "JSON is written from the database by RoundExporter, not from a report.");
        }
    }
}
