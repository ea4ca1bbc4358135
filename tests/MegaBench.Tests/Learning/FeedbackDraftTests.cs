using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Learning;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class FeedbackDraftTests
{
    private static FeedbackDraftInput Input(string language = "en") => new(
        "Aville",
        "Bville",
        language,
        Strengths: [new DraftTheme("networks", "Networks", 80, 50)],
        Gaps: [new DraftTheme("finance", "Access to finance", 20, 60), new DraftTheme("training", "Training", null, null)],
        Practices: [new DraftPractice("Microcredit desk", "B bank", "https://example.org/desk", ["Access to finance"]), new DraftPractice("Mentors", null, "javascript:alert(1)", [])],
        Topics:
        [
            new DraftTopic("How are start-ups funded?", [new DraftMessage(ReviewSide.Reviewer, "Who lends?\n\nAnd how much?"), new DraftMessage(ReviewSide.Host, "The city bank.")]),
            new DraftTopic("A topic without messages", []),
        ],
        Meetings:
        [
            new DraftMeeting(new DateOnly(2025, 5, 13), new TimeOnly(14, 0), "Business school", [], ""),
            new DraftMeeting(new DateOnly(2025, 5, 12), new TimeOnly(9, 0), "Chamber", ["Access to finance"], "They run a **loan** fund."),
        ]);

    [Fact]
    public void Write_gathers_the_evidence_and_ends_with_one_recommendation_per_gap_theme()
    {
        var draft = FeedbackDraft.Write(Input());

        Assert.Contains("## Strengths\n\n- Networks: 80 against a network median of 50.\n", draft, StringComparison.Ordinal);
        Assert.Contains("- Access to finance: 20 against a network median of 60.\n- Training: no figure.\n", draft, StringComparison.Ordinal);
        Assert.Contains("## Practices of Bville on these themes\n\n- [Microcredit desk](https://example.org/desk) (B bank) – Access to finance\n- Mentors\n", draft, StringComparison.Ordinal);
        Assert.Contains("### How are start-ups funded?\n\n> **Bville:**\n>\n> Who lends?\n>\n> And how much?\n\n> **Aville:**\n>\n> The city bank.\n", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("A topic without messages", draft, StringComparison.Ordinal);
        // The visit in time order, with the notes as written.
        Assert.True(draft.IndexOf("Chamber", StringComparison.Ordinal) < draft.IndexOf("Business school", StringComparison.Ordinal));
        Assert.Contains("### 12 May 2025, 09:00 – Chamber (Access to finance)\n\nThey run a **loan** fund.\n", draft, StringComparison.Ordinal);
        Assert.Contains("_No notes._", draft, StringComparison.Ordinal);
        Assert.EndsWith("## Recommendations\n\n- Access to finance: (write the recommendation for this theme)\n- Training: (write the recommendation for this theme)\n", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_in_French_uses_French_headings_and_typography()
    {
        var draft = FeedbackDraft.Write(Input("fr"));

        Assert.Contains("## Points forts", draft, StringComparison.Ordinal);
        Assert.Contains("- Networks\u00a0: 80 pour une médiane du réseau de 50.", draft, StringComparison.Ordinal);
        Assert.Contains("## Recommandations\n\n- Access to finance\u00a0: (écrire la recommandation pour ce thème)", draft, StringComparison.Ordinal);
        Assert.Contains("### 12 mai 2025, 09:00", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_says_so_when_there_is_no_evidence_yet()
    {
        var draft = FeedbackDraft.Write(new FeedbackDraftInput("Aville", "Bville", "en", [], [], [], [], []));

        Assert.Contains("no theme where Aville clearly leads", draft, StringComparison.Ordinal);
        Assert.Contains("Bville has recorded no practice", draft, StringComparison.Ordinal);
        Assert.Contains("No question was exchanged", draft, StringComparison.Ordinal);
        Assert.Contains("No meeting is on the visit's agenda.", draft, StringComparison.Ordinal);
        Assert.EndsWith("## Recommendations\n\n- (Write a recommendation.)\n", draft, StringComparison.Ordinal);
    }
}
