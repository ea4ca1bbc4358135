using MegaBench.Audit;
using MegaBench.Rounds;

namespace MegaBench.Questionnaires;

/// <summary>
/// What a questionnaire save needs to know about its organisation, read in one query: who it is, where it
/// belongs (for access decisions), which statements it answers, and whether it is still open.
/// </summary>
public sealed record QuestionnaireTarget(
    int OrganisationId,
    int RoundId,
    int CityId,
    int NetworkId,
    string OrganisationName,
    string GroupCode,
    int StoredFrameworkId,
    string FrameworkHash,
    RoundStatus RoundStatus,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ValidatedAt)
{
    /// <summary>
    /// Why link holders may not change the answers, or null when they may: the questionnaire was submitted
    /// or validated, or the round no longer collects answers.
    /// </summary>
    public QuestionnaireLock? RespondentLock =>
        ValidatedAt is not null ? QuestionnaireLock.Validated
        : SubmittedAt is not null ? QuestionnaireLock.Submitted
        : RoundStatus != RoundStatus.Open ? QuestionnaireLock.RoundClosed
        : null;
}

/// <summary>Why a questionnaire is read-only for its link holders.</summary>
public enum QuestionnaireLock
{
    Submitted,
    Validated,
    RoundClosed,
}

/// <summary>A valid questionnaire link, resolved from its token: the invitation and its organisation.</summary>
public sealed record QuestionnaireLink(int InvitationId, DateTimeOffset ExpiresAt, QuestionnaireTarget Target)
{
    /// <summary>
    /// How the audit trail and <see cref="Answers.Answer.UpdatedBy"/> name a link holder: by the invitation's
    /// number, never by the token (the link is a secret), and with no personal data.
    /// </summary>
    public AuditActor Actor => new(null, ActorName(InvitationId));

    public static string ActorName(int invitationId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"respondent (link #{invitationId})");
}
