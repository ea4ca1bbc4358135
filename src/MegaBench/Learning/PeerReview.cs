using MegaBench.Networks;
using MegaBench.Rounds;

namespace MegaBench.Learning;

/// <summary>
/// One city (the reviewer) reviewing another (the host) within a <see cref="LearningCycle"/>: the host's
/// briefing, the desk review's topics and threads, the visit, the feedback report with the host's response,
/// and the host's action plan.
/// </summary>
/// <remarks>
/// Each stage ends by a recorded act (<see cref="DeskReviewDoneAt"/>, <see cref="VisitDoneAt"/>,
/// <see cref="FeedbackSubmittedAt"/>, <see cref="ActionPlanDoneAt"/>); the follow-up ends when the host
/// publishes a later round (see <see cref="CycleRules.StageOf"/>). The host may publish the feedback report
/// and the action plan (<see cref="PublishedAt"/>): only then do readers without a role in the review see them.
/// </remarks>
public sealed class PeerReview
{
    public int Id { get; set; }

    public int CycleId { get; set; }

    public LearningCycle? Cycle { get; set; }

    /// <summary>The matching's group (pair or trio) this review came from, numbered from 1 in the matching's order.</summary>
    public int GroupNumber { get; set; }

    public int HostCityId { get; set; }

    public City? HostCity { get; set; }

    public int ReviewerCityId { get; set; }

    public City? ReviewerCity { get; set; }

    /// <summary>The host's published round the review rests on (its self-assessment).</summary>
    public int HostRoundId { get; set; }

    public Round? HostRound { get; set; }

    /// <summary>The reviewer's published round the matching compared.</summary>
    public int ReviewerRoundId { get; set; }

    public Round? ReviewerRound { get; set; }

    /// <summary>The host's gap themes where the reviewer leads, from the matching: theme codes separated by spaces.</summary>
    public string GapThemes { get; set; } = "";

    /// <summary>The host's briefing in Markdown: what it wants to learn, and its context.</summary>
    public string Briefing { get; set; } = "";

    public DateTimeOffset? DeskReviewDoneAt { get; set; }

    public DateOnly? VisitStart { get; set; }

    public DateOnly? VisitEnd { get; set; }

    public string? VisitPlace { get; set; }

    public DateTimeOffset? VisitDoneAt { get; set; }

    /// <summary>The reviewer's feedback report in Markdown (drafted from the evidence, then edited).</summary>
    public string Feedback { get; set; } = "";

    /// <summary>When the reviewer submitted the report; it cannot be changed by the reviewer afterwards.</summary>
    public DateTimeOffset? FeedbackSubmittedAt { get; set; }

    /// <summary>The host's response to the report, in Markdown.</summary>
    public string HostResponse { get; set; } = "";

    public DateTimeOffset? ActionPlanDoneAt { get; set; }

    /// <summary>When the host published its feedback report and action plan to every reader.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    public List<ReviewTopic> Topics { get; } = [];

    public List<ReviewEvidence> Evidence { get; } = [];

    public List<VisitMeeting> Meetings { get; } = [];

    public List<ReviewAction> Actions { get; } = [];

    public IReadOnlyList<string> GapThemeList => GapThemes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A topic of the desk review: a theme or a statement (or free), with its thread of questions and answers.</summary>
public sealed class ReviewTopic
{
    public const int TitleMaxLength = 300;

    public int Id { get; set; }

    public int ReviewId { get; set; }

    public PeerReview? Review { get; set; }

    /// <summary>The framework theme it is about, if any.</summary>
    public string? ThemeCode { get; set; }

    /// <summary>The framework statement it is about, if any.</summary>
    public string? IndicatorCode { get; set; }

    public required string Title { get; set; }

    /// <summary>True for the topics pre-filled from the pair's gap themes.</summary>
    public bool FromMatching { get; set; }

    public int Position { get; set; }

    public List<ReviewMessage> Messages { get; } = [];
}

/// <summary>One message of a topic's thread: a reviewer's question or a host's answer, in Markdown.</summary>
public sealed class ReviewMessage
{
    public int Id { get; set; }

    public int TopicId { get; set; }

    public ReviewTopic? Topic { get; set; }

    public ReviewSide Side { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Evidence either side links to the review: a web address, or a file stored in the database (size-limited,
/// allow-listed types).
/// </summary>
public sealed class ReviewEvidence
{
    public int Id { get; set; }

    public int ReviewId { get; set; }

    public PeerReview? Review { get; set; }

    /// <summary>The topic it supports, if any.</summary>
    public int? TopicId { get; set; }

    public ReviewSide Side { get; set; }

    public required string Title { get; set; }

    public string? Url { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>The file's bytes; null for a link. Not loaded by lists (project what you show).</summary>
    public byte[]? Content { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A meeting of the visit's agenda: when, whom (one of the host round's organisations, or free text), on which
/// themes, the participants' roles (never personal data beyond a name), and the reviewer's notes.
/// </summary>
public sealed class VisitMeeting
{
    public int Id { get; set; }

    public int ReviewId { get; set; }

    public PeerReview? Review { get; set; }

    public DateOnly Date { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }

    /// <summary>One of the host round's organisations, or null with <see cref="OrganisationName"/> as free text.</summary>
    public int? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string? OrganisationName { get; set; }

    /// <summary>Theme codes separated by spaces.</summary>
    public string Themes { get; set; } = "";

    /// <summary>The participants' roles (e.g. "head of business support, two advisers").</summary>
    public string Participants { get; set; } = "";

    /// <summary>The reviewer's notes, in Markdown.</summary>
    public string Notes { get; set; } = "";

    public IReadOnlyList<string> ThemeList => Themes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>An action of the host's action plan, tied to statements and themes, owned by an organisation of the round.</summary>
public sealed class ReviewAction
{
    public const int TitleMaxLength = 300;

    public int Id { get; set; }

    public int ReviewId { get; set; }

    public PeerReview? Review { get; set; }

    public required string Title { get; set; }

    /// <summary>Statement codes of the host round's framework, separated by spaces.</summary>
    public string Statements { get; set; } = "";

    /// <summary>Theme codes, separated by spaces.</summary>
    public string Themes { get; set; } = "";

    /// <summary>The responsible organisation, one of the host round's.</summary>
    public int? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public DateOnly? Deadline { get; set; }

    public ActionStatus Status { get; set; } = ActionStatus.Planned;

    public DateTimeOffset CreatedAt { get; set; }

    public List<ActionProgressNote> Notes { get; } = [];

    public IReadOnlyList<string> StatementList => Statements.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> ThemeList => Themes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A dated progress note on an action.</summary>
public sealed class ActionProgressNote
{
    public int Id { get; set; }

    public int ActionId { get; set; }

    public ReviewAction? Action { get; set; }

    public DateOnly Date { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
