using System.Net;
using AngleSharp.Dom;
using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Pages;

namespace MegaBench.Tests.Web.Localization;

/// <summary>
/// The French interface has no English left: every page of <see cref="EveryPageTests"/>, and the sign-in, status
/// and error pages, rendered in French and checked against the resource file by <see cref="EnglishLeft"/>.
/// The data is French or neutral (names, notes, comments), so that any English on the page is interface.
/// </summary>
public sealed class FrenchPagesTests(FrenchPagesTests.PagesApp app) : IClassFixture<FrenchPagesTests.PagesApp>
{
    private static readonly IReadOnlyList<SharedResources.Entry> French = SharedResources.Read("fr");

    public static TheoryData<string> SignedInPages { get; } =
        [.. EveryPageTests.SignedInPages.Select(row => row.Data)];

    public static TheoryData<string> VisitorPages { get; } =
    [
        .. EveryPageTests.VisitorPages.Select(row => row.Data),
        "/error",
    ];

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task Signed_in_page_has_no_English_left_in_French(string template)
    {
        var url = InFrench(EveryPageTests.Url(template, app.Round, app.Person));

        var page = await app.NewAdministratorBrowser().GetDocumentAsync(url);

        AssertFrench(page, url);
        await app.AssertNothingWrittenAsync(url);
    }

    /// <summary>The data of <see cref="SignedInPages"/>, shared by its rows: they only read.</summary>
    public sealed class PagesApp : ReadOnlyPagesApp
    {
        protected override Task<BuiltRound> BuildAsync(TestDatabase database) => BuildRoundAsync(database);
    }

    [Theory]
    [MemberData(nameof(VisitorPages))]
    public async Task Visitor_page_has_no_English_left_in_French(string url)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var page = await factory.CreateBrowser().GetDocumentAsync(InFrench(url));

        AssertFrench(page, url);
    }

    [Theory]
    [InlineData("/account/denied", HttpStatusCode.Forbidden)]
    [InlineData("/status/400", HttpStatusCode.BadRequest)]
    [InlineData("/status/403", HttpStatusCode.Forbidden)]
    [InlineData("/status/500", HttpStatusCode.InternalServerError)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/rounds/999999", HttpStatusCode.NotFound)]
    public async Task Status_page_has_no_English_left_in_French(string url, HttpStatusCode status)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateBrowser().GetAsync(new Uri(InFrench(url), UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(status, response.StatusCode);
        AssertFrench(page, url);
    }

    [Fact]
    public async Task Form_errors_are_in_French()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var url = InFrench($"/cities/{round.CityId}/rounds/new");

        var response = await browser.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.Year"] = "2026" });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Villeneuve a déjà un cycle pour 2026. Ouvrez ce cycle, ou choisissez une autre année.", page.FieldError("Input_Year"));
        Assert.Equal("Rien n’a été enregistré", page.QuerySelector(".error-summary h2")!.TextContent.Trim());
        AssertFrench(page, url);
    }

    [Fact]
    public async Task Annotation_errors_are_in_French()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var url = InFrench($"/networks/{round.NetworkId}/cities/new");

        var response = await browser.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.Name"] = "", ["Input.Country"] = new string('x', 101) });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal("Saisissez le nom de la ville.", page.FieldError("Input_Name"));
        Assert.Equal("Le nom du pays est trop long\u00a0: utilisez au plus 100 caractères.", page.FieldError("Input_Country"));
    }

    [Fact]
    public async Task A_page_with_English_left_fails_the_check()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var page = await factory.CreateBrowser().GetDocumentAsync(InFrench("/account/signin"));

        // What a page that forgot one translation would look like.
        page.QuerySelector("h1")!.TextContent = "Sign in";
        page.QuerySelector("button[type=submit]")!.SetAttribute("aria-label", "Send the form");
        page.Body!.AppendChild(page.CreateElement("p")).TextContent = "Published results need no account.";

        var problems = EnglishLeft.Find(page, French, "fr");

        Assert.Contains(problems, p => p.Contains("“Sign in” is an English key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("aria-label of <button> “Send the form”", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("“Published results need no account.” has the English word(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_and_code_are_not_checked_but_the_fallback_is()
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
            """
            <html lang="fr"><head><title>Réseaux – MegaBench</title></head><body>
            <p translate="no">Chamber of commerce of the city</p>
            <div lang="en"><p>A practice written in English</p></div>
            <p><code>megabench import round FILE</code></p>
            <p>Les organisations de la ville</p>
            <span lang="en" class="untranslated">Not translated yet</span>
            </body></html>
            """);

        var problems = EnglishLeft.Find(page, French, "fr");

        Assert.Equal(["untranslated text “Not translated yet”"], problems);
    }

    /// <summary>A round whose every text is French or neutral: the framework is translated throughout.</summary>
    private static Task<BuiltRound> BuildRoundAsync(TestDatabase database) =>
        new RoundBuilder()
            .WithFramework(new FrameworkBuilder().TranslatedIntoFrench().Build())
            .InNetwork("Réseau témoin")
            .ForCity("Villeneuve")
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", "Une note", new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: "Un commentaire"))
            .WithNarrative(NarrativeKind.MayLookAt, "Des villes qui *mesurent* l’entrepreneuriat des migrants")
            .BuildAsync(database);

    internal static string InFrench(string url) =>
        url.Contains("lang=fr", StringComparison.Ordinal) ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=fr";

    internal static void AssertFrench(IDocument page, string url)
    {
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        var problems = EnglishLeft.Find(page, French, "fr");
        Assert.True(problems.Count == 0, $"{url} in French has English left:\n" + string.Join("\n", problems));
    }
}
