using MegaBench.Answers;

namespace MegaBench.Questionnaires;

/// <summary>Where an organisation's questionnaire stands, as the coordinator tracks it.</summary>
public enum QuestionnaireState
{
    /// <summary>No active link (never issued, revoked or expired) and nothing answered yet.</summary>
    NotInvited,

    /// <summary>An active link exists and nothing is answered yet.</summary>
    Invited,

    /// <summary>At least one statement answered, not yet submitted.</summary>
    InProgress,

    /// <summary>Submitted by the respondent (or on their behalf): locked for the link holders.</summary>
    Submitted,

    /// <summary>Checked and validated by the coordinator.</summary>
    Validated,
}

/// <summary>
/// An organisation's questionnaire status: its <see cref="State"/>, how much is answered, the last activity,
/// and the expiry of its active link.
/// </summary>
/// <param name="State">The state, derived by <see cref="Of"/>.</param>
/// <param name="Progress">Statements of the organisation's group answered (yes, no or not determined), of all.</param>
/// <param name="LastActivityAt">The latest answer change, submission or validation; null when nothing happened yet.</param>
/// <param name="InvitationExpiresAt">When the active link expires; null without an active link.</param>
/// <param name="LinkExpiredAt">When the latest link that was not revoked expired; null when none expired.</param>
public sealed record QuestionnaireStatus(
    QuestionnaireState State,
    AnswerProgress Progress,
    DateTimeOffset? LastActivityAt,
    DateTimeOffset? InvitationExpiresAt,
    DateTimeOffset? LinkExpiredAt = null)
{
    /// <summary>
    /// Overdue: not submitted, and the link the organisation was given expired with no new one active: the
    /// deadline the coordinator set has passed and the organisation can no longer answer.
    /// </summary>
    public bool IsOverdue => State is QuestionnaireState.NotInvited or QuestionnaireState.InProgress
        && InvitationExpiresAt is null && LinkExpiredAt is not null;

    /// <summary>
    /// Derives the status. The rule, first match wins: validated; submitted; in progress as soon as one
    /// statement is answered (whoever answered it: the link holder or the coordinator entering a paper
    /// questionnaire); invited when a link is active; otherwise not invited.
    /// </summary>
    /// <remarks>
    /// The last activity is derived rather than stored, so that saving an answer writes only the answer
    /// (and its audit row): it is the latest of the answers' <see cref="Answer.UpdatedAt"/>, the submission
    /// and the validation.
    /// </remarks>
    public static QuestionnaireStatus Of(
        DateTimeOffset? submittedAt,
        DateTimeOffset? validatedAt,
        AnswerProgress progress,
        DateTimeOffset? lastAnswerAt,
        DateTimeOffset? activeInvitationExpiresAt,
        DateTimeOffset? linkExpiredAt = null)
    {
        var state = validatedAt is not null ? QuestionnaireState.Validated
            : submittedAt is not null ? QuestionnaireState.Submitted
            : progress.Answered > 0 ? QuestionnaireState.InProgress
            : activeInvitationExpiresAt is not null ? QuestionnaireState.Invited
            : QuestionnaireState.NotInvited;
        DateTimeOffset? last = null;
        foreach (var at in new[] { lastAnswerAt, submittedAt, validatedAt })
        {
            if (at is { } value && (last is null || value > last))
            {
                last = value;
            }
        }

        return new QuestionnaireStatus(state, progress, last, activeInvitationExpiresAt, linkExpiredAt);
    }
}

/// <summary>What asking to validate a questionnaire did.</summary>
public enum ValidationOutcome
{
    Validated,

    /// <summary>It was validated before; nothing changed.</summary>
    AlreadyValidated,

    /// <summary>It was never submitted and no reason for an exception was given; nothing changed.</summary>
    NotSubmitted,

    /// <summary>The reason is longer than <see cref="Rounds.TextLimits.ValidationOverride"/>; nothing changed.</summary>
    ReasonTooLong,
}
