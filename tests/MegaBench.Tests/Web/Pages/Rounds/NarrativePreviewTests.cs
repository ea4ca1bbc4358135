using System.Net;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Rounds;

/// <summary>The narrative editor's Preview button: renders the unsaved text sanitised, beside it, and saves nothing.</summary>
public sealed class NarrativePreviewTests
{
    private const string Hostile =
        "Support is **strong**.\n\n<script>alert('x')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n" +
        "[click me](javascript:alert(2)) and [the guide](https://example.org/guide)\n\n<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">raw</a>\n";

    /// <summary>Posts the editor's form as its Preview button does (formaction "?handler=Preview").</summary>
    private static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, string url, string text)
    {
        var page = await client.GetDocumentAsync(url);
        var form = HtmlForms.FindForm(page);
        var button = page.QuerySelectorAll("main form button").Single(b => b.TextContent.Trim() == "Preview");
        form.SetAttribute("action", button.GetAttribute("formaction"));
        return await client.SubmitAsync(form, new Dictionary<string, string?> { ["Markdown"] = text });
    }

    [Fact]
    public async Task Preview_renders_the_unsaved_text_sanitised_beside_it_and_saves_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithNarrative(NarrativeKind.Obstacles, "The saved text.").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var url = $"/rounds/{round.RoundId}/narrative/obstacles";

        var response = await PreviewAsync(client, url, Hostile);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var preview = page.QuerySelector(".narrative-preview .preview-body")!;
        Assert.Equal("strong", preview.QuerySelector("strong")!.TextContent);
        Assert.Empty(preview.QuerySelectorAll("script"));
        Assert.DoesNotContain(preview.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(preview.QuerySelectorAll("[href], [src]"), e =>
            (e.GetAttribute("href") ?? e.GetAttribute("src"))!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(preview.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "https://example.org/guide");
        Assert.Equal(Hostile, page.GetElementById("Markdown")!.TextContent);
        // Saving from the preview posts to the editor's own address, not to the preview again.
        Assert.Equal(url, page.QuerySelector("main form")!.GetAttribute("action"));

        await using var db = database.NewContext();
        Assert.Equal("The saved text.", (await db.NarrativeSections.SingleAsync(Ct)).Markdown);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(NarrativeSection) && a.Action == MegaBench.Audit.AuditAction.Updated, Ct));
    }

    [Fact]
    public async Task Save_after_a_preview_stores_the_text()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var url = $"/rounds/{round.RoundId}/narrative/key-challenges";

        var preview = await HtmlForms.ParseAsync(await PreviewAsync(client, url, "Mainstream the *support*."));
        var saved = await client.SubmitAsync(HtmlForms.FindForm(preview));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = database.NewContext();
        Assert.Equal("Mainstream the *support*.", (await db.NarrativeSections.SingleAsync(Ct)).Markdown);
    }
}
