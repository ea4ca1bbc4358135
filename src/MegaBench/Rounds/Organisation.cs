using MegaBench.Answers;
using MegaBench.Questionnaires;

namespace MegaBench.Rounds;

/// <summary>A local organisation taking part in a round, in one stakeholder group of the framework.</summary>
public sealed class Organisation
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public Round? Round { get; set; }

    public required string Name { get; set; }

    /// <summary>The code of the framework's stakeholder group (e.g. <c>MUN</c>).</summary>
    public required string GroupCode { get; set; }

    /// <summary>
    /// The code of one of the round's framework's kinds of organisation (e.g. <c>city</c>); checked by
    /// <see cref="MegaBench.Frameworks.Framework.OrganisationKindProblem"/> wherever an organisation is created or changed.
    /// </summary>
    public string Kind { get; set; } = "other";

    public string? Website { get; set; }

    /// <summary>
    /// Where the questionnaire link and reminders are e-mailed (e.g. the organisation's general address). It may
    /// name a person, so it is the organisation's only personal data: it is left out of round files.
    /// </summary>
    public string? ContactEmail { get; set; }

    /// <summary>A note about the organisation; it becomes a numbered footnote on the assessment sheet.</summary>
    public string? Notes { get; set; }

    /// <summary>Column order on the assessment sheet; ties are broken by name.</summary>
    public int Position { get; set; }

    /// <summary>When the questionnaire was submitted; a submitted questionnaire is read-only for link holders until the coordinator reopens it.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Who submitted it, as the audit trail names them (e.g. "respondent (link #3)").</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>When the coordinator validated the answers after checking them; also read-only for link holders.</summary>
    public DateTimeOffset? ValidatedAt { get; set; }

    public string? ValidatedBy { get; set; }

    /// <summary>
    /// The coordinator's reason for validating a questionnaire its respondent never submitted (answers given on paper,
    /// say); null when it was validated after submission. Audited with the validation.
    /// </summary>
    public string? ValidationOverride { get; set; }

    public List<Answer> Answers { get; } = [];

    public List<Invitation> Invitations { get; } = [];
}
