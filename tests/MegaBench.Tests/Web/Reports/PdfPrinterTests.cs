using System.Text;
using MegaBench.Reports;
using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Reports;

namespace MegaBench.Tests.Web.Reports;

/// <summary>
/// The bounds of <see cref="PdfPrinter"/>, with a renderer that counts and paces its prints instead of Chromium:
/// at most two prints at once, one print per document, a full queue refused at once with a time to retry.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class PdfPrinterTests
{
    /// <summary>A renderer that records how many prints run at once and waits for <see cref="Release"/>.</summary>
    private sealed class PacedRenderer
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;
        private int _prints;
        private int _mostAtOnce;

        public int Prints => _prints;

        public int MostAtOnce => _mostAtOnce;

        public bool Fail { get; set; }

        public void Release() => _release.TrySetResult();

        public async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _prints);
            var now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, seen) != seen)
            {
            }

            try
            {
                await _release.Task.WaitAsync(cancellationToken);
                return Fail ? throw new PdfRenderException("Chromium failed to print the report (exit code 1).") : Encoding.UTF8.GetBytes("%PDF-" + html);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private static PdfPrinter Printer(PacedRenderer renderer, int queue = 16) =>
        new(PdfPrinterOptions.Default with { Queue = queue }, renderer.RenderAsync, () => { });

    [Fact]
    public async Task Fifty_requests_for_five_documents_print_each_once_and_never_more_than_two_at_once()
    {
        var renderer = new PacedRenderer();
        using var printer = Printer(renderer);
        var ct = TestContext.Current.CancellationToken;

        var requests = Enumerable.Range(0, 50).Select(i => Task.Run(() => printer.PrintAsync($"round {i % 5}", ct), ct)).ToList();
        await Task.Delay(200, ct);
        renderer.Release();
        var pdfs = await Task.WhenAll(requests);

        Assert.Equal(5, renderer.Prints);
        Assert.InRange(renderer.MostAtOnce, 1, 2);
        Assert.All(pdfs.Select((pdf, i) => (pdf, i)), p => Assert.Equal($"%PDF-round {p.i % 5}", Encoding.UTF8.GetString(p.pdf)));
    }

    [Fact]
    public async Task A_document_kept_under_its_key_is_served_without_building_its_html()
    {
        var renderer = new PacedRenderer();
        renderer.Release();
        using var printer = Printer(renderer);
        var ct = TestContext.Current.CancellationToken;
        var built = 0;
        Task<string> Html(string text)
        {
            built++;
            return Task.FromResult(text);
        }

        var first = await printer.PrintAsync("round/1/3.7/en", _ => Html("<p>Round 1</p>"), ct);
        var second = await printer.PrintAsync("round/1/3.7/en", _ => Html("<p>Round 1</p>"), ct);
        var changed = await printer.PrintAsync("round/1/4.8/en", _ => Html("<p>Round 1, changed</p>"), ct);

        Assert.Same(first, second);
        Assert.Equal(2, built);
        Assert.Equal(2, renderer.Prints);
        Assert.Equal("%PDF-<p>Round 1, changed</p>", Encoding.UTF8.GetString(changed));
    }

    [Fact]
    public async Task An_unchanged_document_asked_again_is_served_without_printing()
    {
        var renderer = new PacedRenderer();
        renderer.Release();
        using var printer = Printer(renderer);
        var ct = TestContext.Current.CancellationToken;

        var first = await printer.PrintAsync("<p>Round 1</p>", ct);
        var second = await printer.PrintAsync("<p>Round 1</p>", ct);
        var changed = await printer.PrintAsync("<p>Round 1, changed</p>", ct);

        Assert.Equal(first, second);
        Assert.NotEqual(first, changed);
        Assert.Equal(2, renderer.Prints);
    }

    [Fact]
    public async Task Beyond_the_queue_a_request_is_refused_at_once_with_a_time_to_retry_and_the_others_still_get_their_pdf()
    {
        var renderer = new PacedRenderer();
        using var printer = Printer(renderer, queue: 1);
        var ct = TestContext.Current.CancellationToken;

        // Two printing, one waiting: the queue is full.
        var accepted = Enumerable.Range(0, 3).Select(i => printer.PrintAsync($"round {i}", ct)).ToList();
        await Task.Delay(100, ct);
        var refused = await Assert.ThrowsAsync<PdfPrinterBusyException>(() => printer.PrintAsync("round 4", ct));
        renderer.Release();
        await Task.WhenAll(accepted);

        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Contains("Try again", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, renderer.Prints);
    }

    [Fact]
    public async Task A_failed_print_is_not_kept_and_the_next_request_prints_again()
    {
        var renderer = new PacedRenderer { Fail = true };
        renderer.Release();
        using var printer = Printer(renderer);
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<PdfRenderException>(() => printer.PrintAsync("round", ct));
        renderer.Fail = false;
        var pdf = await printer.PrintAsync("round", ct);

        Assert.Equal("%PDF-round", Encoding.UTF8.GetString(pdf));
        Assert.Equal(2, renderer.Prints);
    }

    [Fact]
    public async Task A_request_that_goes_away_does_not_cancel_the_print_others_wait_for()
    {
        var renderer = new PacedRenderer();
        using var printer = Printer(renderer);
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var gone = printer.PrintAsync("round", leaving.Token);
        var staying = printer.PrintAsync("round", TestContext.Current.CancellationToken);
        await leaving.CancelAsync();
        renderer.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        Assert.Equal("%PDF-round", Encoding.UTF8.GetString(await staying));
        Assert.Equal(1, renderer.Prints);
    }
}
