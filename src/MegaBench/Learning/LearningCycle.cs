using MegaBench.Networks;

namespace MegaBench.Learning;

/// <summary>
/// A network's peer-review cycle (the practice of Eurocities and INTI-Cities peer reviews), started from a
/// matching result: each pair of the matching becomes two <see cref="PeerReview"/>s (A reviews B, B reviews A),
/// and in a trio each city reviews the next. The cycle records the constraints the matching ran with and, per
/// review, the published rounds it rests on.
/// </summary>
/// <remarks>
/// While the cycle is being prepared (<see cref="CycleStatus.Preparing"/>) the network administrator may swap
/// partners; once started, the pairs are fixed (<see cref="CycleRules.SwapPartners"/> refuses with the reason),
/// because the reviews have begun to write against them.
/// </remarks>
public sealed class LearningCycle
{
    /// <summary>The longest name a cycle may have.</summary>
    public const int NameMaxLength = 200;

    public int Id { get; set; }

    public int NetworkId { get; set; }

    public Network? Network { get; set; }

    /// <summary>E.g. "2018–2019 peer reviews".</summary>
    public required string Name { get; set; }

    public CycleStatus Status { get; set; } = CycleStatus.Preparing;

    /// <summary>The matching's option: pairs across countries only.</summary>
    public bool AcrossCountries { get; set; }

    /// <summary>The matching's excluded pairs, as "ID-ID" separated by spaces (see <see cref="CycleRules.Pairs"/>).</summary>
    public string ExcludedPairs { get; set; } = "";

    /// <summary>The matching's forced pairs, as "ID-ID" separated by spaces.</summary>
    public string ForcedPairs { get; set; } = "";

    /// <summary>The total learning value of the matching the cycle was started from.</summary>
    public double MatchingValue { get; set; }

    /// <summary>Target date of each stage (see <see cref="ReviewStage"/>); the dates must not go backwards.</summary>
    public DateOnly? DeskReviewDue { get; set; }

    public DateOnly? VisitDue { get; set; }

    public DateOnly? FeedbackDue { get; set; }

    public DateOnly? ActionPlanDue { get; set; }

    public DateOnly? FollowUpDue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public List<PeerReview> Reviews { get; } = [];

    /// <summary>The target date of a stage.</summary>
    public DateOnly? Due(ReviewStage stage) => stage switch
    {
        ReviewStage.DeskReview => DeskReviewDue,
        ReviewStage.Visit => VisitDue,
        ReviewStage.Feedback => FeedbackDue,
        ReviewStage.ActionPlan => ActionPlanDue,
        ReviewStage.FollowUp => FollowUpDue,
        _ => null,
    };
}

/// <summary>Preparing: the administrator may still swap partners. Started: the reviews run; pairs are fixed.</summary>
public enum CycleStatus
{
    Preparing,
    Started,
}

/// <summary>The stages of a peer review, in order; <see cref="Done"/> once the follow-up is done.</summary>
public enum ReviewStage
{
    DeskReview,
    Visit,
    Feedback,
    ActionPlan,
    FollowUp,
    Done,
}

/// <summary>Who wrote a message or added evidence: the reviewing city or the host city.</summary>
public enum ReviewSide
{
    Reviewer,
    Host,
}

/// <summary>An action's status in the host's action plan.</summary>
public enum ActionStatus
{
    Planned,
    InProgress,
    Done,
    Dropped,
}
