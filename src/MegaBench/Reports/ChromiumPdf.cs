using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MegaBench.Reports;

/// <summary>Prints an HTML page to PDF with headless Chromium; the PDF's Title is the page's &lt;title&gt;, its Creator MegaBench.</summary>
/// <remarks>
/// Chromium runs with a fresh profile in a temporary folder and without network, sync or update services,
/// so that two exports never share state and nothing is fetched. Configure its path with
/// <c>Reports:ChromiumPath</c> (environment variable <c>Reports__ChromiumPath</c>) or <c>--chromium</c>; by default
/// it is looked up on the PATH as <c>chromium</c>, then <c>chromium-browser</c>, then <c>google-chrome</c>.
/// </remarks>
public static class ChromiumPdf
{
    public const string ConfigurationKey = "Reports:ChromiumPath";

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The PDF's Creator: Chromium names itself (its user agent), but the document is MegaBench's.</summary>
    public const string Creator = "MegaBench";

    /// <summary>The Chromium to run: the configured path when given, else the first found on the PATH.</summary>
    /// <exception cref="ChromiumNotFoundException">None was found.</exception>
    public static string Locate(string? configuredPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return File.Exists(configuredPath)
                ? configuredPath
                : throw new ChromiumNotFoundException($"Chromium was not found at {configuredPath} (setting {ConfigurationKey}). " +
                                                      "Install Debian's chromium package (apt-get install chromium) or correct Reports:ChromiumPath.");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ChromiumNotFoundException("PDF export needs Chromium, which is not installed here: install Debian's chromium " +
                                            "(apt-get install chromium) or set Reports:ChromiumPath to the browser's executable.");
    }

    /// <summary>Prints <paramref name="html"/> to a PDF and returns its bytes.</summary>
    /// <exception cref="ChromiumNotFoundException">No Chromium.</exception>
    /// <exception cref="PdfRenderException">Chromium failed or timed out.</exception>
    public static async Task<byte[]> RenderAsync(string html, string? configuredPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        var chromium = Locate(configuredPath);
        var folder = Directory.CreateTempSubdirectory("megabench-pdf-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}",
                $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new PdfRenderException($"Chromium ({chromium}) could not be started.");
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new PdfRenderException($"Chromium ({chromium}) did not finish printing the report within {Timeout.TotalSeconds:0} seconds.");
            }

            await output;
            var log = await errors;
            if (process.ExitCode != 0 || !File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                throw new PdfRenderException($"Chromium ({chromium}) failed to print the report (exit code {process.ExitCode}): " +
                                             string.Join(" ", log.Split('\n').Where(l => l.Length > 0).TakeLast(3)));
            }

            return PdfInfo.WithCreator(await File.ReadAllBytesAsync(pdf, cancellationToken), Creator);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A Chromium helper may still hold a profile file for a moment; the temp folder is cleaned by the system.
            }
        }
    }
}

/// <summary>The document information dictionary of a PDF, changed by an incremental update (the file's bytes are kept).</summary>
public static class PdfInfo
{
    /// <summary>
    /// The PDF with its Creator set: the information dictionary is written again, with the new Creator and its other
    /// entries (Title, Producer, dates) as they were, in an update appended to the file with its own cross-reference
    /// section, as the PDF specification provides (7.5.6). A file this cannot read (no classic trailer) is returned unchanged.
    /// </summary>
    public static byte[] WithCreator(byte[] pdf, string creator)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(creator);
        // Latin-1 maps each byte to one char and back, so offsets in the text are offsets in the file.
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var trailerAt = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var startAt = text.LastIndexOf("startxref", StringComparison.Ordinal);
        if (trailerAt < 0 || startAt < trailerAt)
        {
            return pdf;
        }

        var trailer = text[trailerAt..startAt];
        var size = System.Text.RegularExpressions.Regex.Match(trailer, @"/Size\s+(\d+)");
        var root = System.Text.RegularExpressions.Regex.Match(trailer, @"/Root\s+(\d+\s+\d+\s+R)");
        var previous = System.Text.RegularExpressions.Regex.Match(text[startAt..], @"startxref\s+(\d+)");
        if (!size.Success || !root.Success || !previous.Success)
        {
            return pdf;
        }

        var entries = "";
        var info = System.Text.RegularExpressions.Regex.Match(trailer, @"/Info\s+(\d+)\s+(\d+)\s+R");
        var (number, generation) = info.Success
            ? (int.Parse(info.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(info.Groups[2].Value, CultureInfo.InvariantCulture))
            : (int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), 0);
        if (info.Success)
        {
            var old = System.Text.RegularExpressions.Regex.Match(text, $@"(?<![0-9]){number}\s+{generation}\s+obj\s*<<(.*?)>>\s*endobj", System.Text.RegularExpressions.RegexOptions.Singleline);
            // Every entry but the Creator, whose value is a literal string (with escaped parentheses) or a hex string.
            entries = old.Success
                ? System.Text.RegularExpressions.Regex.Replace(old.Groups[1].Value, @"/Creator\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", "")
                : "";
        }

        var objectAt = pdf.Length + 1;
        var update = new StringBuilder();
        update.Append('\n').Append(CultureInfo.InvariantCulture, $"{number} {generation} obj\n<<{entries.Trim()}\n/Creator {PdfString(creator)}>>\nendobj\n");
        var xrefAt = pdf.Length + System.Text.Encoding.Latin1.GetByteCount(update.ToString());
        var newSize = Math.Max(int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), number + 1);
        update.Append(CultureInfo.InvariantCulture, $"xref\n{number} 1\n{objectAt:D10} {generation:D5} n \n");
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {newSize}\n/Root {root.Groups[1].Value}\n/Info {number} {generation} R\n/Prev {previous.Groups[1].Value}>>\n");
        update.Append(CultureInfo.InvariantCulture, $"startxref\n{xrefAt}\n%%EOF\n");
        return [.. pdf, .. System.Text.Encoding.Latin1.GetBytes(update.ToString())];
    }

    /// <summary>A PDF text string: UTF-16BE with its byte-order mark, as hex, so that any character survives.</summary>
    private static string PdfString(string text) =>
        "<FEFF" + Convert.ToHexString(System.Text.Encoding.BigEndianUnicode.GetBytes(text)) + ">";
}

public sealed class ChromiumNotFoundException(string message) : Exception(message);

public sealed class PdfRenderException(string message) : Exception(message);
