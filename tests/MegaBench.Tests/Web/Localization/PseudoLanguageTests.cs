using System.Runtime.Loader;
using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Pages;
using MegaBench.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MegaBench.Tests.Web.Localization;

/// <summary>
/// A third interface language is a matter of resource files: the pseudo-language "eo", built at build time from
/// the French resource file's keys by tests/MegaBench.PseudoLanguage (Save → ⟦Śàvé⟧) into a satellite assembly
/// and nothing else, serves every page of <see cref="EveryPageTests"/> with no English left, checked by the same
/// <see cref="EnglishLeft"/> as the French pages. A text written into a page, not taken from the resources, would
/// show here unaccented; a language list written into code would not offer "eo" at all.
/// </summary>
public sealed class PseudoLanguageTests
{
    private const string Pseudo = "eo";

    /// <summary>The satellite beside the tests, in a folder of its own, so that no other test sees a third language.</summary>
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "pseudo-language");

    static PseudoLanguageTests()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "MegaBench.Web.resources" && name.CultureName == Pseudo
                ? context.LoadFromAssemblyPath(Path.Combine(Folder, Pseudo, "MegaBench.Web.resources.dll"))
                : null;
    }

    /// <summary>The pseudo-language's texts, as the satellite holds them: the keys of the French resource file.</summary>
    private static IReadOnlyList<SharedResources.Entry> Entries()
    {
        var manager = new System.Resources.ResourceManager("MegaBench.Web.Resources.SharedResource", typeof(MegaBench.Web.SharedResource).Assembly);
        // The satellite's own set, without falling back to the neutral resources (the app has none: English is the keys).
        var set = manager.GetResourceSet(System.Globalization.CultureInfo.GetCultureInfo(Pseudo), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("The pseudo-language's satellite was not found: build tests/MegaBench.PseudoLanguage.");
        return [.. SharedResources.Read("fr").Select(e => new SharedResources.Entry(e.Key, set.GetString(e.Key) ?? e.Key))];
    }

    /// <summary>The app offering English, French and, found as satellites are, the pseudo-language.</summary>
    private static MegaBenchAppFactory App(TestDatabase database)
    {
        var languages = Languages.Discover(AppContext.BaseDirectory).Codes.Concat(Languages.Discover(Folder).Codes);
        return new MegaBenchAppFactory(database, services: services => services.Replace(ServiceDescriptor.Singleton(new Languages(languages))));
    }

    [Fact]
    public void The_satellite_is_built_from_the_resource_file_only()
    {
        Assert.True(File.Exists(Path.Combine(Folder, Pseudo, "MegaBench.Web.resources.dll")), "tests/MegaBench.PseudoLanguage did not build the satellite.");
        var entries = Entries();
        Assert.Equal(SharedResources.Read("fr").Count, entries.Count);
        Assert.All(entries, e => Assert.True(e.Value.StartsWith('⟦') && e.Value.EndsWith('⟧'), $"“{e.Key}” has no pseudo text: “{e.Value}”"));
        Assert.Equal("⟦Śàvé⟧", entries.Single(e => e.Key == "Save").Value);
    }

    public static TheoryData<string> SignedInPages { get; } = [.. EveryPageTests.SignedInPages.Select(row => row.Data)];

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task Signed_in_page_has_no_English_left_in_the_pseudo_language(string template)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithFramework(new FrameworkBuilder().TranslatedIntoFrenchAlsoAs(Pseudo).Build())
            .InNetwork("Réseau témoin")
            .ForCity("Villeneuve")
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", "Une note", new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: "Un commentaire"))
            .BuildAsync(database);
        await using var factory = App(database);
        var person = await TestAccounts.CreateAsync(database, "claire@example.org", TestRole.CoordinatorOf(round.CityId));
        var url = EveryPageTests.Url(template.Replace("lang=fr", "lang=" + Pseudo, StringComparison.Ordinal), round, person);
        url += url.Contains("lang=", StringComparison.Ordinal) ? "" : (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=" + Pseudo;

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync(url);

        Assert.Equal(Pseudo, page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector($"a[hreflang='{Pseudo}'], [aria-current][lang='{Pseudo}']"));
        // The MEGA framework, stored at start-up, has no text in the pseudo-language: its fallback is data, not interface.
        var entries = Entries();
        var keys = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var problems = EnglishLeft.Find(page, entries, Pseudo)
            .Where(p => !p.StartsWith("untranslated text “", StringComparison.Ordinal) || keys.Contains(p["untranslated text “".Length..^1]))
            .ToList();
        Assert.True(problems.Count == 0, $"{url} in the pseudo-language has English left:\n" + string.Join("\n", problems));
    }
}
