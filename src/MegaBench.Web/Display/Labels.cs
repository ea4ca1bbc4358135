using MegaBench.Answers;
using MegaBench.Learning;
using MegaBench.Rounds;

namespace MegaBench.Web.Display;

/// <summary>The words the pages use for the model's enumerations.</summary>
/// <remarks>
/// Each is the English text and a key of SharedResource: a page shows it through its translator
/// (<c>@T[Labels.Answer(value)]</c>), so that every language has the same words in one place.
/// </remarks>
public static class Labels
{
    /// <summary>The form's label for an answer value; also what a screen reader says for a sheet cell.</summary>
    public static string Answer(AnswerValue value) => value switch
    {
        AnswerValue.Yes => "Yes",
        AnswerValue.No => "No",
        AnswerValue.NotDetermined => "Not determined",
        _ => "Not answered",
    };

    /// <summary>The visible mark of a sheet cell, as in the MEGA sheets; unanswered cells stay blank.</summary>
    public static string Mark(AnswerValue value) => value switch
    {
        AnswerValue.Yes => "✓",
        AnswerValue.No => "–",
        AnswerValue.NotDetermined => "n/d",
        _ => "",
    };

    /// <summary>The CSS class of a sheet cell ("answer-yes", "answer-notdetermined"): constant strings, none built per cell.</summary>
    public static string AnswerClass(AnswerValue value) => value switch
    {
        AnswerValue.Yes => "answer-yes",
        AnswerValue.No => "answer-no",
        AnswerValue.NotDetermined => "answer-notdetermined",
        _ => "answer-unanswered",
    };

    public static string Status(RoundStatus status) => MegaBench.Reports.ReportText.Status(status);

    /// <summary>The possessive used in sheet titles: "Paris’s assessment sheet".</summary>
    public static string Possessive(string name) => name + "’s";

    /// <summary>A peer review's stage.</summary>
    public static string Stage(ReviewStage stage) => stage switch
    {
        ReviewStage.DeskReview => "Desk review",
        ReviewStage.Visit => "Visit",
        ReviewStage.Feedback => "Feedback report",
        ReviewStage.ActionPlan => "Action plan",
        ReviewStage.FollowUp => "Follow-up",
        _ => "Done",
    };

    /// <summary>An action's status in an action plan.</summary>
    public static string Status(ActionStatus status) => status switch
    {
        ActionStatus.Planned => "Planned",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        _ => "Dropped",
    };

    /// <summary>How an organisation's answer to an action's statement moved between the reviewed round and the next.</summary>
    public static string Move(StatementMove move) => move switch
    {
        StatementMove.NewlyMet => "newly met",
        StatementMove.Lost => "lost",
        StatementMove.MetBoth => "met both times",
        _ => "unmet both times",
    };

    /// <summary>A cycle's status.</summary>
    public static string Status(CycleStatus status) => status == CycleStatus.Preparing ? "Being prepared" : "Started";
}
