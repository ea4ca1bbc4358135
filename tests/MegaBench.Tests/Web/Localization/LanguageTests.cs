using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Localization;

public sealed class LanguageTests
{
    private static readonly Uri Home = new("/", UriKind.Relative);

    [Fact]
    public async Task Pages_are_in_English_unless_another_language_is_asked_for()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var html = await factory.CreateClient().GetStringAsync(Home, TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Skip to main content", html, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"fr\">Français</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lang_in_the_address_switches_the_page_to_French_and_the_choice_sticks()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        var french = await client.GetStringAsync(new Uri("/?lang=fr", UriKind.Relative), TestContext.Current.CancellationToken);
        var next = await client.GetStringAsync(Home, TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"fr\">", french, StringComparison.Ordinal);
        Assert.Contains("Aller au contenu principal", french, StringComparison.Ordinal);
        Assert.DoesNotContain("Skip to main content", french, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_links_to_the_same_page_and_address_in_the_other_language()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        var english = await client.GetStringAsync(new Uri("/frameworks?x=1&lang=en", UriKind.Relative), TestContext.Current.CancellationToken);
        var french = await client.GetStringAsync(new Uri("/frameworks?x=1&lang=fr", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("<a href=\"/frameworks?x=1&amp;lang=fr\" lang=\"fr\" hreflang=\"fr\">Français</a>", english, StringComparison.Ordinal);
        Assert.Contains("<span aria-current=\"true\" lang=\"en\">English</span>", english, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/frameworks?x=1&amp;lang=en\" lang=\"en\" hreflang=\"en\">English</a>", french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_language_in_the_address_is_ignored_and_not_remembered()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/?lang=xx", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_browser_language_is_used_when_nothing_was_chosen()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-BE,fr;q=0.9,en;q=0.5");

        var html = await client.GetStringAsync(Home, TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_languages_offered_are_English_and_each_satellite_resource_assembly()
    {
        var languages = Languages.Discover(AppContext.BaseDirectory);

        Assert.Equal(["en", "fr"], languages.Codes);
        Assert.Equal("Français", Languages.NativeName("fr"));
    }

    [Fact]
    public async Task A_missing_translation_is_shown_in_English_marked_as_such_never_empty()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var translator = factory.Services.GetRequiredService<Translator>();
        var statement = new LocalizedText("en", [new("en", "The city <has> a plan")]);
        var bilingual = new LocalizedText("en", [new("en", "Yes"), new("fr", "Oui")]);

        var (missing, known, fallbackStatement, translatedStatement) = InLanguage("fr", () => (
            Render(translator["A text nobody translated <yet>"]),
            Render(translator["Skip to main content"]),
            Render(translator.Framework(statement)),
            Render(translator.Framework(bilingual))));
        var english = InLanguage("en", () => Render(translator["A text nobody translated <yet>"]));

        Assert.Equal("<span lang=\"en\" class=\"untranslated\">A text nobody translated &lt;yet&gt;</span>", missing);
        Assert.Equal("Aller au contenu principal", known);
        Assert.Equal("<span lang=\"en\" class=\"untranslated\">The city &lt;has&gt; a plan</span>", fallbackStatement);
        Assert.Equal("Oui", translatedStatement);
        Assert.Equal("A text nobody translated &lt;yet&gt;", english);
    }

    [Fact]
    public async Task Formatted_texts_encode_their_arguments()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var translator = factory.Services.GetRequiredService<Translator>();

        var html = InLanguage("en", () => Render(translator["{0} of {1} answered", "<b>3</b>", 7]));

        Assert.Equal("&lt;b&gt;3&lt;/b&gt; of 7 answered", html);
    }

    private static T InLanguage<T>(string language, Func<T> render)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Render(LocalizedHtml content)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
