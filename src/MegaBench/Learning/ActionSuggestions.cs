using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Rounds;

namespace MegaBench.Learning;

/// <summary>
/// Where the host's action plan may start: the feedback report's recommendations and the gap statements. The host
/// adopts a suggestion with one click; it becomes an action it then edits.
/// </summary>
public static class ActionSuggestions
{
    /// <summary>
    /// One text per list item under a heading of the report that contains "Recommendation" (or the French
    /// "Recommandation"), in any case: items of every list up to the next heading of the same or a higher level.
    /// A nested list's items belong to their parent item, whose text includes theirs.
    /// </summary>
    /// <remarks>Read with Markdig, as the report is rendered, so that what a reader sees as a bullet is one.</remarks>
    public static IReadOnlyList<string> Recommendations(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return [];
        }

        var document = Markdown.Parse(markdown);
        var items = new List<string>();
        int? sectionLevel = null;
        foreach (var block in document)
        {
            if (block is HeadingBlock heading)
            {
                var text = InlineText(heading.Inline);
                if (sectionLevel is { } level && heading.Level <= level)
                {
                    sectionLevel = null;
                }

                if (text.Contains("recommendation", StringComparison.OrdinalIgnoreCase) || text.Contains("recommandation", StringComparison.OrdinalIgnoreCase))
                {
                    sectionLevel = heading.Level;
                }

                continue;
            }

            if (sectionLevel is not null && block is ListBlock list)
            {
                items.AddRange(list.OfType<ListItemBlock>().Select(BlockText).Where(t => t.Length > 0));
            }
        }

        return items;
    }

    /// <summary>
    /// The gap statements of a review: statements of the host round's framework on one of the review's gap themes
    /// that no organisation of their group in the host round meets (answers yes). A group without an organisation in
    /// the round has no one to act on it, so its statements are left out.
    /// </summary>
    public static IReadOnlyList<Indicator> GapStatements(Framework framework, IEnumerable<string> gapThemes, IEnumerable<Organisation> organisations)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(gapThemes);
        ArgumentNullException.ThrowIfNull(organisations);
        var themes = gapThemes.ToHashSet(StringComparer.Ordinal);
        var byGroup = organisations.GroupBy(o => o.GroupCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. framework.Indicators.Where(i =>
            i.Themes.Any(themes.Contains)
            && byGroup.TryGetValue(i.Group, out var members)
            && !members.Any(o => o.Answers.Any(a => a.IndicatorCode == i.Code && a.Value == AnswerValue.Yes)))];
    }

    /// <summary>A text cut to at most <paramref name="max"/> characters, ending with "…" when cut.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        return text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
    }

    private static string BlockText(Block block)
    {
        var parts = new List<string>();
        void Walk(Block b)
        {
            switch (b)
            {
                case LeafBlock leaf when leaf.Inline is not null:
                    parts.Add(InlineText(leaf.Inline));
                    break;
                case LeafBlock leaf:
                    parts.Add(leaf.Lines.ToString());
                    break;
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(block);
        return string.Join(" ", parts.Select(p => p.Trim()).Where(p => p.Length > 0));
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        void Walk(Inline node)
        {
            switch (node)
            {
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        if (inline is not null)
        {
            Walk(inline);
        }

        return text.ToString().Trim();
    }
}
