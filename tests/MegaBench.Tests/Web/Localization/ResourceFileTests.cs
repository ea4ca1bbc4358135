using System.Text.RegularExpressions;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Localization;

/// <summary>
/// The resource files parse, and each translation is usable: not empty, the same placeholders as its English key,
/// each key once, and French written with French typography.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed partial class ResourceFileTests
{
    public static TheoryData<string> Languages { get; } = [.. SharedResources.Languages()];

    [Fact]
    public void French_has_a_resource_file() => Assert.Contains("fr", SharedResources.Languages());

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_entry_has_a_translation_with_the_placeholders_of_its_key(string language)
    {
        var entries = SharedResources.Read(language);

        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"“{e.Key}” has an empty translation."));
        Assert.All(entries, e => Assert.True(
            Placeholders(e.Key).SetEquals(Placeholders(e.Value)),
            $"“{e.Key}” has the placeholders {{{string.Join("}, {", Placeholders(e.Key))}}} but its translation “{e.Value}” has {{{string.Join("}, {", Placeholders(e.Value))}}}."));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_is_there_once(string language)
    {
        // Ignoring case: the resource compiler keeps one of two keys that differ only in case ("Yes", "yes").
        var repeated = SharedResources.Read(language).GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(repeated);
    }

    [Fact]
    public void French_is_written_with_French_typography()
    {
        // A no-break space before : ; ? ! and inside « », so that the sign never starts a line; ’ as the apostrophe.
        var wrong = SharedResources.Read("fr")
            .Where(e => BreakableSpaceBeforeSign().IsMatch(e.Value) || SignWithoutSpace().IsMatch(e.Value) || e.Value.Contains('\'', StringComparison.Ordinal)
                || e.Value.Contains("« ", StringComparison.Ordinal) || e.Value.Contains(" »", StringComparison.Ordinal))
            .Select(e => $"“{e.Key}” → “{e.Value}”")
            .ToList();

        Assert.True(wrong.Count == 0, "Translations without French typography:\n" + string.Join("\n", wrong));
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@" [:;?!]")]
    private static partial Regex BreakableSpaceBeforeSign();

    /// <summary>A sign glued to a word; "http://" and "12:30" are not sentences, and neither is a closing "?)" after a space.</summary>
    [GeneratedRegex(@"\p{L}[;?!](?:\s|$)|\p{L}:(?:\s|$)")]
    private static partial Regex SignWithoutSpace();
}
