using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace MegaBench.Tests.Web.Localization;

/// <summary>
/// Finds English left in a page rendered in another language: the translator's visible fallback, text or a
/// user-facing attribute that is exactly an English key of the resource file (whose translation differs), and
/// visible words from a list of common English words that no French text contains.
/// </summary>
/// <remarks>
/// Data is not interface: text inside an element marked <c>translate="no"</c> or with another <c>lang</c> than the
/// page's (a practice written in English), and code (<c>code</c>, <c>pre</c>, <c>kbd</c>, <c>samp</c>) is left out.
/// The word list holds only words that are not also French words ("on", "or", "an", "comment", "note", "page",
/// "main", "content", "change", "but", "stage", "report", "met", "if", "are", "do" are French too), so that a French
/// sentence never matches it.
/// </remarks>
public static partial class EnglishLeft
{
    /// <summary>Common English words of the interface, none of them a French word.</summary>
    public static IReadOnlySet<string> Words { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "the", "and", "of", "to", "is", "was", "were", "be", "been", "has", "have", "had", "with", "for", "from", "by",
        "at", "this", "that", "these", "those", "it", "its", "your", "you", "we", "they", "their", "them", "our",
        "not", "no", "yes", "all", "any", "each", "every", "some", "more", "less", "than", "then", "when", "where",
        "who", "what", "which", "how", "why", "will", "would", "can", "could", "may", "might", "should", "does", "did",
        "done", "up", "down", "out", "over", "under", "after", "before", "again", "only", "also", "just", "here",
        "there", "new", "old", "add", "edit", "save", "saved", "delete", "remove", "cancel", "back", "next",
        "previous", "sign", "signed", "changed", "create", "created", "download", "show", "hide", "closed", "round",
        "rounds", "city", "cities", "network", "networks", "framework", "frameworks", "statement", "statements",
        "answer", "answers", "answered", "unanswered", "level", "levels", "group", "groups", "theme", "themes",
        "share", "look", "learning", "partner", "partners", "median", "ecosystem", "coverage", "little", "data",
        "evidence", "status", "password", "token", "tokens", "people", "person", "trail", "role", "roles", "name",
        "year", "country", "website", "link", "links", "title", "sheet", "sheets", "assessment", "profile", "map",
        "overview", "matching", "practice", "practices", "promising", "strength", "strengths", "gap", "gaps",
        "reached", "yet", "still", "already", "never", "nothing", "something", "everything", "other", "others", "same",
        "first", "last", "because", "while", "between", "within", "without", "into", "about", "above", "below",
        "enter", "choose", "tick", "select", "copy", "revoke", "expired", "invited", "coordinator", "coordinators",
        "administrator", "administrators", "skip", "language", "english", "so", "like", "per", "one", "two", "three",
        "he", "she", "his", "her", "fictional", "demo", "difference", "optional", "history", "recorded", "stored",
        "organization", "please", "found", "allowed", "went", "wrong", "keep", "kept", "shown", "help", "search", "published",
        "results", "need", "account", "accounts",
    };

    /// <summary>The attributes a person reads or hears: the rest (ids, classes, names) are not interface.</summary>
    private static readonly string[] UserFacingAttributes = ["title", "aria-label", "placeholder", "alt"];

    private static readonly string[] CodeElements = ["CODE", "PRE", "KBD", "SAMP", "SCRIPT", "STYLE"];

    /// <summary>Every piece of English left in <paramref name="page"/>, rendered in <paramref name="language"/>.</summary>
    public static IReadOnlyList<string> Find(IDocument page, IReadOnlyList<SharedResources.Entry> translations, string language)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(translations);
        var englishKeys = translations
            .Where(e => !string.Equals(Normalise(e.Key), Normalise(e.Value), StringComparison.Ordinal))
            .Select(e => Normalise(e.Key))
            // A key of punctuation only (":", ";") is no English: a sentence's fragment between two links may equal it.
            .Where(k => k.Any(char.IsLetter))
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var fallback in page.QuerySelectorAll(".untranslated"))
        {
            problems.Add($"untranslated text “{Normalise(fallback.TextContent)}”");
        }

        foreach (var text in Texts(page, language))
        {
            Check(text, "text", englishKeys, problems);
        }

        foreach (var element in page.QuerySelectorAll("*").Where(e => IsInterface(e, language)))
        {
            foreach (var name in UserFacingAttributes)
            {
                if (element.GetAttribute(name) is { } value)
                {
                    Check(value, $"{name} of <{element.LocalName}>", englishKeys, problems);
                }
            }

            if (element.LocalName == "input" && element.GetAttribute("type") is "submit" or "button" or "reset" && element.GetAttribute("value") is { } caption)
            {
                Check(caption, "button caption", englishKeys, problems);
            }
        }

        return problems;
    }

    /// <summary>The visible texts of the page: the title and every text node of the body outside data and code.</summary>
    private static IEnumerable<string> Texts(IDocument page, string language)
    {
        yield return page.Title ?? "";
        foreach (var node in page.Body!.GetDescendants().OfType<IText>())
        {
            if (node.ParentElement is { } parent && IsInterface(parent, language))
            {
                yield return node.Data;
            }
        }
    }

    /// <summary>False inside code, inside data marked <c>translate="no"</c>, and inside another language's text.</summary>
    private static bool IsInterface(IElement element, string language)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (CodeElements.Contains(current.TagName, StringComparer.OrdinalIgnoreCase)
                || current.GetAttribute("translate") == "no"
                || (current.GetAttribute("lang") is { Length: > 0 } lang && !lang.StartsWith(language, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }

    private static void Check(string raw, string where, HashSet<string> englishKeys, List<string> problems)
    {
        var text = Normalise(raw);
        if (text.Length == 0)
        {
            return;
        }

        if (englishKeys.Contains(text))
        {
            problems.Add($"{where} “{text}” is an English key of the resource file");
            return;
        }

        var english = WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(Words.Contains).Distinct().ToList();
        if (english.Count > 0)
        {
            problems.Add($"{where} “{text}” has the English word(s) {string.Join(", ", english)}");
        }
    }

    /// <summary>The words of <see cref="Words"/> in a plain text (an export's), lower-cased, each once.</summary>
    public static IReadOnlyList<string> WordsIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(Words.Contains).Distinct()];
    }

    private static string Normalise(string text) => WhiteSpace().Replace(text, " ").Trim();

    /// <summary>A word: letters between non-letters, so that the letters inside "4aecdf26" or "x2b" are not words.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_])\p{L}+(?![\p{L}\p{N}_])")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
