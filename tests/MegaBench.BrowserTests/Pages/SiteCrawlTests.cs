using System.Text.RegularExpressions;
using MegaBench.BrowserTests.Infrastructure;

namespace MegaBench.BrowserTests.Pages;

/// <summary>Every kind of page a visitor can reach by following links, checked as one.</summary>
public sealed partial class SiteCrawlTests(LiveApp app)
{
    // Enough for every page kind of the demo; the crawl stops there so that it stays fast and bounded.
    private const int MaximumPages = 40;

    [Fact]
    public async Task Every_kind_of_page_linked_from_the_home_page_loads_and_has_no_accessibility_violation()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var origin = app.BaseAddress!;

        // One page per route shape: /rounds/1 and /rounds/2 are the same page kind, so only the first is visited.
        var queue = new Queue<Uri>([origin]);
        var seenShapes = new HashSet<string>(StringComparer.Ordinal) { Shape(origin) };
        var visited = new List<string>();
        var failures = new List<string>();
        while (queue.Count > 0 && visited.Count < MaximumPages)
        {
            var url = queue.Dequeue();

            // Downloads (CSV, JSON, spreadsheets) are not pages: ask first, and open only HTML.
            var probe = await context.APIRequest.GetAsync(url.ToString());
            var type = probe.Headers.TryGetValue("content-type", out var value) ? value : "";
            if (!type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            {
                if (probe.Status >= 400)
                {
                    failures.Add($"{url.PathAndQuery}: answered {probe.Status}");
                }

                continue;
            }

            visited.Add(url.PathAndQuery);
            try
            {
                await PageChecks.OpenAsync(page, url.ToString());
                Assert.False(string.IsNullOrWhiteSpace(await page.GetAttributeAsync("html", "lang")), "<html> has no lang attribute.");
                Assert.Equal(1, await page.Locator("h1").CountAsync());
                await PageChecks.AssertAccessibleAsync(page);
            }
            catch (Exception error) when (error is Xunit.Sdk.IAssertionException)
            {
                failures.Add($"{url.PathAndQuery}: {error.Message}");
            }

            var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "anchors => anchors.map(a => a.href)");
            foreach (var link in links)
            {
                if (!Uri.TryCreate(link, UriKind.Absolute, out var target)
                    || target.Scheme != origin.Scheme || target.Authority != origin.Authority
                    || target.AbsolutePath.StartsWith("/api", StringComparison.Ordinal)
                    || target.AbsolutePath.StartsWith("/openapi", StringComparison.Ordinal))
                {
                    continue;
                }

                var withoutFragment = new UriBuilder(target) { Fragment = "" }.Uri;
                if (seenShapes.Add(Shape(withoutFragment)))
                {
                    queue.Enqueue(withoutFragment);
                }
            }
        }

        Assert.True(visited.Count > 1, $"The crawl found no link to follow from the home page (visited: {string.Join(", ", visited)}).");
        Assert.True(failures.Count == 0, $"{failures.Count} of {visited.Count} pages failed:\n\n" + string.Join("\n\n", failures));
    }

    private static string Shape(Uri url) => Number().Replace(url.AbsolutePath, "{n}") + (url.Query.Length > 0 ? "?" : "");

    [GeneratedRegex(@"(?<=/)\d+(?=/|$)")]
    private static partial Regex Number();
}
