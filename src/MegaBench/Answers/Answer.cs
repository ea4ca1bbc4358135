using MegaBench.Rounds;

namespace MegaBench.Answers;

/// <summary>An organisation's answer to one indicator of its group.</summary>
/// <remarks>
/// There is at most one answer per organisation and indicator code. A missing row and a row with
/// <see cref="AnswerValue.Unanswered"/> mean the same thing. <see cref="Version"/> starts at 1 and
/// grows by one on every change: a save that names an older version is a conflict, never an overwrite.
/// </remarks>
public sealed class Answer
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public required string IndicatorCode { get; set; }

    public AnswerValue Value { get; set; }

    /// <summary>The respondent's comment; it becomes a numbered footnote on the sheet.</summary>
    public string? Comment { get; set; }

    /// <summary>A link or a short text backing the answer.</summary>
    public string? Evidence { get; set; }

    /// <summary>The coordinator's note on this answer (e.g. "The positive answer is not supported by further detailed information").</summary>
    public string? CoordinatorNote { get; set; }

    /// <summary>Who last changed the answer, as shown to coordinators.</summary>
    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>
    /// The year of the earlier round this answer was copied from as a starting point; null once the organisation
    /// has confirmed or changed it (any save clears it), and for answers given in this round.
    /// </summary>
    public int? CarriedOverFrom { get; set; }
}

/// <summary>yes / no / not determined (the seed's "n/d") / not yet answered.</summary>
public enum AnswerValue
{
    Unanswered,
    Yes,
    No,
    NotDetermined,
}
