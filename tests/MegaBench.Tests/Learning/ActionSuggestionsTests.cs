using MegaBench.Answers;
using MegaBench.Learning;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Learning;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class ActionSuggestionsTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("## Strengths\n\n- Good chamber\n", "")]
    [InlineData("## Recommendations\n\n- Open a finance desk\n- Train advisers\n", "Open a finance desk | Train advisers")]
    [InlineData("# Report\n\n## Recommandations\n\n1. Ouvrir un guichet\n2. Former les conseillers\n", "Ouvrir un guichet | Former les conseillers")]
    [InlineData("## Our recommendations\n\n* **Open** a [finance desk](https://example.org)\n  with `banks`\n\n## Next steps\n\n- Not one\n", "Open a finance desk with banks")]
    [InlineData("## Recommendations\n\n### Finance\n\n- One\n\n### Networks\n\n- Two\n  - nested\n\n# Annex\n\n- Three\n", "One | Two nested")]
    [InlineData("Recommendations\n\n- Not under a heading\n", "")]
    [InlineData("## Recommendations\n\nWe recommend:\n\n    - indented code, not a list\n", "")]
    public void Recommendations_are_the_list_items_under_a_recommendations_heading(string markdown, string expected)
    {
        Assert.Equal(expected, string.Join(" | ", ActionSuggestions.Recommendations(markdown)));
    }

    [Fact]
    public void Gap_statements_are_those_of_the_gap_themes_that_no_organisation_of_their_group_meets()
    {
        var framework = new FrameworkBuilder().Build();
        // "data" statements: AAA-1.02, AAA-2.01, BBB-1.02, BBB-2.01.
        var chamber = new Organisation { Name = "Chamber", GroupCode = "AAA" };
        chamber.Answers.Add(new Answer { IndicatorCode = "AAA-1.02", Value = AnswerValue.Yes });
        chamber.Answers.Add(new Answer { IndicatorCode = "AAA-2.01", Value = AnswerValue.No });
        var bank = new Organisation { Name = "Bank", GroupCode = "AAA" };
        bank.Answers.Add(new Answer { IndicatorCode = "AAA-2.01", Value = AnswerValue.NotDetermined });

        var gaps = ActionSuggestions.GapStatements(framework, ["data"], [chamber, bank]);

        // AAA-1.02 is met by the chamber; group BBB has no organisation in the round.
        Assert.Equal(["AAA-2.01"], gaps.Select(s => s.Code));
    }

    [Theory]
    [InlineData("Short", 10, "Short")]
    [InlineData("  exactly9 ", 8, "exactly9")]
    [InlineData("0123456789", 5, "0123…")]
    [InlineData("0123456789", 10, "0123456789")]
    public void Long_suggestion_is_cut_to_a_title(string text, int max, string expected) =>
        Assert.Equal(expected, ActionSuggestions.Shorten(text, max));
}
