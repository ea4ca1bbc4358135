using MegaBench.Answers;

namespace MegaBench.Questionnaires;

/// <summary>An answer as a respondent may see it (the coordinator's note is not part of it).</summary>
/// <param name="Version">The stored version; 0 when nothing was ever stored for the statement.</param>
/// <param name="CarriedOverFrom">The year of the round the answer was copied from, until the organisation confirms or changes it.</param>
public sealed record AnswerSnapshot(
    string IndicatorCode,
    AnswerValue Value,
    string? Comment,
    string? Evidence,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt,
    int Version,
    int? CarriedOverFrom = null)
{
    public static AnswerSnapshot Of(string code, Answer? answer) => answer is null
        ? new(code, AnswerValue.Unanswered, null, null, null, null, 0)
        : new(answer.IndicatorCode, answer.Value, answer.Comment, answer.Evidence, answer.UpdatedBy, answer.UpdatedAt, answer.Version, answer.CarriedOverFrom);

    /// <summary>Whether this holds the same answer (value, comment, evidence) as the given one, whatever the version.</summary>
    public bool SameContentAs(AnswerValue value, string? comment, string? evidence) =>
        Value == value && Comment == comment && Evidence == evidence;
}

/// <summary>The outcome of <see cref="Questionnaire.SaveAnswerAsync"/>.</summary>
public abstract record AnswerSaveResult
{
    private AnswerSaveResult()
    {
    }

    /// <summary>Stored (or already stored with the same content); <see cref="Answer"/> is what is stored now.</summary>
    public sealed record Saved(AnswerSnapshot Answer) : AnswerSaveResult;

    /// <summary>
    /// Someone changed the statement since the version the save named, to something else; nothing was
    /// written. <see cref="Theirs"/> is the stored answer: saving again with its version replaces it on purpose.
    /// </summary>
    public sealed record Conflict(AnswerSnapshot Theirs) : AnswerSaveResult;

    /// <summary>Link holders may not change this questionnaire any more; nothing was written.</summary>
    public sealed record Locked(QuestionnaireLock Reason) : AnswerSaveResult;

    /// <summary>The code is not a statement of the organisation's group; nothing was written.</summary>
    public sealed record UnknownStatement(string Code) : AnswerSaveResult;

    /// <summary>A text is longer than allowed (<see cref="Field"/> is "comment" or "evidence"); nothing was written.</summary>
    public sealed record TooLong(string Field, int Length, int MaxLength) : AnswerSaveResult;
}
