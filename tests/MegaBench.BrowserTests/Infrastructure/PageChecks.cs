using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Infrastructure;

/// <summary>Assertions about a page as a browser shows it.</summary>
public static class PageChecks
{
    /// <summary>The WCAG 2.0 and 2.1 success criteria of levels A and AA: what public-sector sites must meet in the EU (EN 301 549).</summary>
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// Goes to <paramref name="path"/> and fails unless the app answers it with a success status and every
    /// stylesheet, script or image the page loads from the app is found too.
    /// </summary>
    public static async Task<IResponse> OpenAsync(IPage page, string path)
    {
        var broken = new List<string>();
        void Record(object? sender, IResponse response)
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                broken.Add($"{response.Request.ResourceType} {response.Url} answered {response.Status}");
            }
        }

        page.Response += Record;
        try
        {
            IResponse? response;
            try
            {
                response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            }
            catch (PlaywrightException error)
            {
                // Chromium reports an error status with an empty body as a navigation failure, not as a response.
                Assert.Fail($"GET {path} did not load a page: {error.Message.Split('\n')[0]} (the server log above says why).");
                throw;
            }

            Assert.NotNull(response);
            Assert.True(response.Ok, $"GET {path} answered {response.Status} {response.StatusText}; expected a page.");
            Assert.True(broken.Count == 0, $"{path} loads missing resources:\n" + string.Join("\n", broken));
            return response;
        }
        finally
        {
            page.Response -= Record;
        }
    }

    /// <summary>Runs axe-core on the page as rendered and fails with every WCAG A/AA violation, where it is and how to fix it.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
            ResultTypes = [ResultType.Violations],
        });

        if (result.Violations is not { Length: > 0 } violations)
        {
            return;
        }

        var report = new StringBuilder($"{page.Url} has {violations.Length} accessibility violation(s) of WCAG 2.1 A/AA:");
        foreach (var violation in violations)
        {
            report.Append(CultureInfo.InvariantCulture, $"\n- {violation.Id} ({violation.Impact}): {violation.Help} See {violation.HelpUrl}");
            foreach (var node in violation.Nodes.Take(5))
            {
                report.Append(CultureInfo.InvariantCulture, $"\n    at {node.Target}: {node.Html}");
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []))
                {
                    report.Append(CultureInfo.InvariantCulture, $"\n      {check.Message}");
                }
            }
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>The page does not scroll sideways as a whole (a wide table may scroll inside its own container).</summary>
    public static async Task AssertNoHorizontalPageScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] <= widths[1])
        {
            return;
        }

        // Name the outermost elements that stick out, so that the failure says what to fix.
        var culprits = await page.EvaluateAsync<string[]>(
            """
            () => {
              const viewport = document.documentElement.clientWidth;
              const clipped = e => { for (let box = e.parentElement; box && box !== document.body; box = box.parentElement) { if (getComputedStyle(box).overflowX !== 'visible') return true; } return false; };
              const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > viewport + 1 && !clipped(e));
              return out.filter(e => !out.includes(e.parentElement)).slice(0, 5)
                .map(e => `<${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}> ends at ${Math.round(e.getBoundingClientRect().right)}px`);
            }
            """);
        Assert.Fail(
            $"{page.Url} is {widths[0]}px wide in a {widths[1]}px viewport: the whole page scrolls sideways. Let wide content scroll in its own container. " +
            $"Sticking out: {string.Join("; ", culprits)}.");
    }

    /// <summary>
    /// Every table wider than the viewport sits in a container that scrolls sideways (overflow-x auto or scroll)
    /// and fits the viewport, so the reader scrolls the table, not the page.
    /// </summary>
    public static async Task AssertWideTablesScrollInTheirOwnContainerAsync(IPage page)
    {
        var problems = await page.EvaluateAsync<string[]>(
            """
            () => {
              const viewport = document.documentElement.clientWidth;
              const problems = [];
              document.querySelectorAll('table').forEach((table, index) => {
                if (table.scrollWidth <= viewport) return;
                let box = table.parentElement;
                while (box && box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
                  box = box.parentElement;
                }
                const name = table.caption ? table.caption.textContent.trim() : 'table ' + (index + 1);
                if (!box || box === document.body) {
                  problems.push(`"${name}" is ${table.scrollWidth}px wide and no container of it scrolls sideways`);
                } else if (box.getBoundingClientRect().width > viewport) {
                  problems.push(`"${name}" scrolls in a container ${Math.round(box.getBoundingClientRect().width)}px wide, wider than the ${viewport}px viewport`);
                }
              });
              return problems;
            }
            """);
        Assert.True(problems.Length == 0, $"{page.Url} at {await ViewportWidthAsync(page)}px:\n" + string.Join("\n", problems));
    }

    /// <summary>The visible text of the elements matching <paramref name="selector"/> is at least <paramref name="minimumPixels"/> high.</summary>
    public static async Task AssertTextIsAtLeastAsync(IPage page, string selector, double minimumPixels)
    {
        var sizes = await page.EvalOnSelectorAllAsync<double[]>(
            selector,
            "elements => elements.filter(e => e.offsetParent !== null && e.textContent.trim() !== '').map(e => parseFloat(getComputedStyle(e).fontSize))");
        Assert.NotEmpty(sizes);
        Assert.True(sizes.Min() >= minimumPixels, $"{page.Url}: text of '{selector}' is as small as {sizes.Min()}px; it should be at least {minimumPixels}px to be readable.");
    }

    private static Task<int> ViewportWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
}
