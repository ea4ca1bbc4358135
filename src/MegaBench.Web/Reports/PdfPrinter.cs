using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MegaBench.Reports;
using Microsoft.Extensions.Caching.Memory;

namespace MegaBench.Web.Reports;

/// <summary>
/// Every PDF the web app serves (the city report, a peer review's feedback report) is printed here: at most
/// <see cref="PdfPrinterOptions.Concurrency"/> Chromium processes at once, identical documents printed once, and the
/// result kept, so that a burst of anonymous requests cannot exhaust the machine.
/// </summary>
/// <remarks>
/// <para><b>Cache.</b> A PDF is keyed by the SHA-256 of the HTML it is printed from, so a changed document gives
/// another key and a stale PDF is never served. A caller that can name the document's content without building it
/// (a round's report: the round, its change stamps and the language) keeps it under that name too, and a second
/// request does not build the HTML at all. Entries are evicted by size (<see cref="PdfPrinterOptions.CacheBytes"/>),
/// least recently used first.</para>
/// <para><b>Coalescing.</b> Requests for a document already being printed wait for that print instead of starting
/// their own; a print runs to its end (or Chromium's own time-out) even if the request that started it goes away,
/// since others may be waiting for it.</para>
/// <para><b>Bounds.</b> Prints beyond the running ones wait in a queue of at most <see cref="PdfPrinterOptions.Queue"/>
/// documents, each at most <see cref="PdfPrinterOptions.Wait"/>; beyond that the request is answered 503 with
/// <c>Retry-After</c> at once, so that no request holds a thread for nothing.</para>
/// </remarks>
public sealed class PdfPrinter : IDisposable
{
    private readonly PdfPrinterOptions _options;
    private readonly Func<string, CancellationToken, Task<byte[]>> _render;
    private readonly Action _locate;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _printing = new(StringComparer.Ordinal);
    private readonly MemoryCache _cache;
    private int _waiting;

    public PdfPrinter(IConfiguration configuration)
        : this(
            PdfPrinterOptions.From(configuration),
            (html, ct) => ChromiumPdf.RenderAsync(html, configuration?[ChromiumPdf.ConfigurationKey], ct),
            () => ChromiumPdf.Locate(configuration?[ChromiumPdf.ConfigurationKey]))
    {
    }

    /// <summary>A printer with its own renderer: tests count and pace the prints with it.</summary>
    public PdfPrinter(PdfPrinterOptions options, Func<string, CancellationToken, Task<byte[]>> render, Action locate)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _render = render ?? throw new ArgumentNullException(nameof(render));
        _locate = locate ?? throw new ArgumentNullException(nameof(locate));
        _slots = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheBytes });
    }

    /// <summary>The PDF of <paramref name="html"/> as a download named <paramref name="fileName"/>, or the problem that prevented it.</summary>
    public Task<IResult> FileAsync(string html, string fileName, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        return FileAsync(() => PrintAsync(html, cancellationToken), fileName, http);
    }

    /// <summary>
    /// The PDF of the document known as <paramref name="documentKey"/> as a download: kept under that key, so that a
    /// second request does not even build the HTML (<paramref name="html"/> runs only when the key is not kept).
    /// </summary>
    /// <param name="documentKey">Names the document's content whole: e.g. the round, its change stamps and the language.</param>
    /// <param name="html">Builds the HTML to print.</param>
    public Task<IResult> FileAsync(string documentKey, Func<CancellationToken, Task<string>> html, string fileName, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentKey);
        ArgumentNullException.ThrowIfNull(html);
        return FileAsync(() => PrintAsync(documentKey, html, cancellationToken), fileName, http);
    }

    private async Task<IResult> FileAsync(Func<Task<byte[]>> print, string fileName, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            _locate();
        }
        catch (ChromiumNotFoundException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export not available", detail: e.Message);
        }

        try
        {
            var pdf = await print();
            return Results.File(pdf, "application/pdf", fileName);
        }
        catch (PdfPrinterBusyException e)
        {
            http.Response.Headers.RetryAfter = ((int)e.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export busy", detail: e.Message);
        }
        catch (PdfRenderException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export failed", detail: e.Message);
        }
    }

    /// <summary>The PDF of the document known as <paramref name="documentKey"/>: kept, or printed from <paramref name="html"/> now.</summary>
    /// <exception cref="PdfPrinterBusyException">The queue is full, or the wait for a free printer ran out.</exception>
    /// <exception cref="PdfRenderException">Chromium failed.</exception>
    public async Task<byte[]> PrintAsync(string documentKey, Func<CancellationToken, Task<string>> html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentKey);
        ArgumentNullException.ThrowIfNull(html);
        var key = "document:" + documentKey;
        if (_cache.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }

        var pdf = await PrintAsync(await html(cancellationToken), cancellationToken);
        // The same bytes as the HTML's entry: the size counted twice makes the bound stricter, never looser.
        _cache.Set(key, pdf, new MemoryCacheEntryOptions { Size = Math.Max(1, pdf.LongLength) });
        return pdf;
    }

    /// <summary>The PDF of <paramref name="html"/>: from the cache, from a print under way, or printed now.</summary>
    /// <exception cref="PdfPrinterBusyException">The queue is full, or the wait for a free printer ran out.</exception>
    /// <exception cref="PdfRenderException">Chromium failed.</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(html)));
        if (_cache.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }

        var print = _printing.GetOrAdd(key, k => new Lazy<Task<byte[]>>(() => PrintOnceAsync(k, html)));
        return await print.Value.WaitAsync(cancellationToken);
    }

    private async Task<byte[]> PrintOnceAsync(string key, string html)
    {
        if (_cache.TryGetValue(key, out byte[]? printed) && printed is not null)
        {
            return printed; // Printed by the request just before, which left the list of prints under way meanwhile.
        }

        try
        {
            if (Interlocked.Increment(ref _waiting) > _options.Queue + _options.Concurrency)
            {
                throw new PdfPrinterBusyException(
                    $"{_options.Concurrency} PDF documents are being printed and {_options.Queue} more are waiting. Try again in a minute.",
                    _options.RetryAfter);
            }

            if (!await _slots.WaitAsync(_options.Wait))
            {
                throw new PdfPrinterBusyException(
                    $"No printer was free within {_options.Wait.TotalSeconds:0} seconds. Try again in a minute.", _options.RetryAfter);
            }

            try
            {
                // Not the request's token: others may be waiting for this print. Chromium has its own time-out.
                var pdf = await _render(html, CancellationToken.None);
                _cache.Set(key, pdf, new MemoryCacheEntryOptions { Size = Math.Max(1, pdf.LongLength) });
                return pdf;
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
            _printing.TryRemove(key, out _);
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        _cache.Dispose();
    }
}

/// <summary>The printer's bounds, from <c>Reports:Pdf*</c> settings.</summary>
/// <param name="Concurrency">Chromium processes at most at once (<c>Reports:PdfConcurrency</c>, default 2).</param>
/// <param name="Queue">Documents waiting for a printer at most (<c>Reports:PdfQueue</c>, default 16).</param>
/// <param name="Wait">How long a document waits for a printer at most.</param>
/// <param name="RetryAfter">What a refused request is told to wait.</param>
/// <param name="CacheBytes">Printed PDFs kept, in bytes (<c>Reports:PdfCacheMegabytes</c>, default 64).</param>
public sealed record PdfPrinterOptions(int Concurrency, int Queue, TimeSpan Wait, TimeSpan RetryAfter, long CacheBytes)
{
    public static PdfPrinterOptions Default { get; } = new(2, 16, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(30), 64L * 1024 * 1024);

    public static PdfPrinterOptions From(IConfiguration? configuration)
    {
        int Read(string name, int fallback) =>
            int.TryParse(configuration?[$"Reports:{name}"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

        return Default with
        {
            Concurrency = Read("PdfConcurrency", Default.Concurrency),
            Queue = Read("PdfQueue", Default.Queue),
            CacheBytes = Read("PdfCacheMegabytes", (int)(Default.CacheBytes / (1024 * 1024))) * 1024L * 1024,
        };
    }
}

/// <summary>Every printer is busy and the queue is full, or the wait ran out: try again after <see cref="RetryAfter"/>.</summary>
public sealed class PdfPrinterBusyException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
