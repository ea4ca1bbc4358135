using MegaBench.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Pages;

/// <summary>The respondent's questionnaire with JavaScript, in Chromium: autosave, reopening, a lost connection, conflicts, accessibility.</summary>
public sealed class QuestionnaireTests(LiveApp app)
{
    private static readonly PageWaitForFunctionOptions Patience = new() { Timeout = 15_000 };

    /// <summary>The first two statements of the chamber-of-commerce group in the MEGA 2018 framework.</summary>
    private static async Task<(string First, string Second)> FirstStatementsAsync(IPage page)
    {
        var codes = await page.Locator("fieldset.statement").EvaluateAllAsync<string[]>("all => all.slice(0, 2).map(f => f.dataset.code)");
        return (codes[0], codes[1]);
    }

    private static async Task WaitUntilSavedAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => /^Saved at/.test(document.getElementById('save-status').textContent)", null, Patience);

    /// <summary>Forgets the last "Saved at": the next one then means that everything given since is saved.</summary>
    private static async Task ForgetLastStatusAsync(IPage page) =>
        await page.EvaluateAsync("() => { document.getElementById('save-status').textContent = ''; }");

    private static ILocator Choice(IPage page, string code, string value) => page.Locator($"#statement-{code.Replace(".", "\\.", StringComparison.Ordinal)}-{value}");

    private static ILocator Field(IPage page, string code, string role) => page.Locator($"#statement-{code.Replace(".", "\\.", StringComparison.Ordinal)} [data-role={role}]");

    [Fact]
    public async Task Answers_are_saved_as_they_are_given_and_are_all_there_when_the_link_is_opened_again()
    {
        await using var first = await app.NewContextAsync();
        var link = await app.InviteAsync();
        var page = await first.NewPageAsync();
        await PageChecks.OpenAsync(page, link);
        var (one, two) = await FirstStatementsAsync(page);

        await Choice(page, one, "Yes").CheckAsync();
        await WaitUntilSavedAsync(page);
        await ForgetLastStatusAsync(page);
        await Field(page, two, "comment").FillAsync("Only for members, since 2019.");
        await Field(page, two, "evidence").FillAsync("https://example.org/annual-report");
        await Choice(page, two, "NotDetermined").CheckAsync();
        await WaitUntilSavedAsync(page);
        Assert.Matches("^2 of \\d+ statements answered$", (await page.Locator("#questionnaire-progress").TextContentAsync())!.Trim());
        await first.CloseAsync();

        await using var second = await app.NewContextAsync();
        var again = await second.NewPageAsync();
        await PageChecks.OpenAsync(again, link);
        Assert.True(await Choice(again, one, "Yes").IsCheckedAsync());
        Assert.True(await Choice(again, two, "NotDetermined").IsCheckedAsync());
        Assert.Equal("Only for members, since 2019.", await Field(again, two, "comment").InputValueAsync());
        Assert.Equal("https://example.org/annual-report", await Field(again, two, "evidence").InputValueAsync());
    }

    [Fact]
    public async Task A_lost_connection_is_said_and_the_answers_given_meanwhile_are_kept_and_saved_later()
    {
        await using var context = await app.NewContextAsync();
        var link = await app.InviteAsync();
        var page = await context.NewPageAsync();
        await PageChecks.OpenAsync(page, link);
        var (one, two) = await FirstStatementsAsync(page);

        await context.SetOfflineAsync(true);
        await Choice(page, one, "No").CheckAsync();
        await page.WaitForFunctionAsync("() => /connection is lost/.test(document.getElementById('save-status').textContent)", null, Patience);
        await context.SetOfflineAsync(false);
        await WaitUntilSavedAsync(page);

        // Offline again, and this time the page is closed before the connection comes back: the answer waits in
        // the browser's storage and is saved when the link is opened again on this device.
        await context.SetOfflineAsync(true);
        await Field(page, two, "comment").FillAsync("Typed on the train.");
        await page.WaitForFunctionAsync("() => /connection is lost/.test(document.getElementById('save-status').textContent)", null, Patience);
        await page.CloseAsync();
        await context.SetOfflineAsync(false);
        var reopened = await context.NewPageAsync();
        await PageChecks.OpenAsync(reopened, link);
        Assert.Equal("Typed on the train.", await Field(reopened, two, "comment").InputValueAsync());
        // Nothing waits on this device any more: either the restored answer was saved now, or the offline save had
        // reached the server before the connection dropped (Chromium may let a request already under way finish),
        // in which case the page finds the server holding the same text and drops the draft without saving.
        await reopened.WaitForFunctionAsync(
            "() => window.localStorage.getItem(document.getElementById('questionnaire').dataset.draftKey) === null", null, Patience);

        await using var elsewhere = await app.NewContextAsync();
        var check = await elsewhere.NewPageAsync();
        await PageChecks.OpenAsync(check, link);
        Assert.True(await Choice(check, one, "No").IsCheckedAsync());
        Assert.Equal("Typed on the train.", await Field(check, two, "comment").InputValueAsync());
    }

    [Fact]
    public async Task Two_people_changing_the_same_statement_see_the_conflict_and_choose()
    {
        var link = await app.InviteAsync();
        await using var contextA = await app.NewContextAsync();
        await using var contextB = await app.NewContextAsync();
        var pageA = await contextA.NewPageAsync();
        var pageB = await contextB.NewPageAsync();
        await PageChecks.OpenAsync(pageA, link);
        await PageChecks.OpenAsync(pageB, link);
        var (one, _) = await FirstStatementsAsync(pageA);

        await Field(pageA, one, "comment").FillAsync("A: yes, with the region.");
        await Choice(pageA, one, "Yes").CheckAsync();
        await WaitUntilSavedAsync(pageA);
        await Choice(pageB, one, "No").CheckAsync();

        var note = pageB.Locator($"#statement-{one.Replace(".", "\\.", StringComparison.Ordinal)}-conflict");
        await note.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var text = await note.TextContentAsync();
        Assert.Contains("A: yes, with the region.", text, StringComparison.Ordinal);
        Assert.Contains("Their answer", text, StringComparison.Ordinal);
        Assert.Contains("Your answer", text, StringComparison.Ordinal);
        Assert.Contains("Someone else changed", await pageB.Locator("#save-status").TextContentAsync(), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(pageB);

        await note.GetByRole(AriaRole.Button, new() { Name = "Keep my answer" }).ClickAsync();
        await WaitUntilSavedAsync(pageB);
        Assert.Equal(0, await note.CountAsync());

        await pageA.ReloadAsync();
        Assert.True(await Choice(pageA, one, "No").IsCheckedAsync());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task The_questionnaire_and_its_review_have_no_accessibility_violation(string language)
    {
        await using var context = await app.NewContextAsync();
        var link = await app.InviteAsync();
        var page = await context.NewPageAsync();

        await PageChecks.OpenAsync(page, $"{link}?lang={language}");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);

        // The language chosen once sticks: the review is in it without asking again.
        await PageChecks.OpenAsync(page, $"{link}/review");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_questionnaire_reads_on_a_phone_without_scrolling_sideways()
    {
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        var link = await app.InviteAsync();
        var page = await context.NewPageAsync();

        await PageChecks.OpenAsync(page, link);

        await PageChecks.AssertNoHorizontalPageScrollAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
    }
}
