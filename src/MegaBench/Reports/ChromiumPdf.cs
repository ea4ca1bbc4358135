using System.Diagnostics;

namespace MegaBench.Reports;

/// <summary>Prints an HTML page to PDF with headless Chromium.</summary>
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

            return await File.ReadAllBytesAsync(pdf, cancellationToken);
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

public sealed class ChromiumNotFoundException(string message) : Exception(message);

public sealed class PdfRenderException(string message) : Exception(message);
