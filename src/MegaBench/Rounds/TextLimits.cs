namespace MegaBench.Rounds;

/// <summary>
/// The longest text each field of a network's round data may hold, in characters: one place for the forms'
/// validation, the questionnaire, the round and network imports and the database's column sizes, so that a file
/// cannot store what a form would refuse (issue 15, hardening finding 5: a 50 MB organisation note imported).
/// </summary>
public static class TextLimits
{
    public const int NetworkName = 200;

    public const int NetworkDescription = 2_000;

    public const int CityName = 200;

    public const int Country = 100;

    public const int OrganisationName = 200;

    public const int GroupCode = 20;

    public const int Website = 500;

    public const int ContactEmail = 320;

    public const int OrganisationNotes = 2_000;

    public const int IndicatorCode = 40;

    public const int AnswerComment = 4_000;

    public const int AnswerEvidence = 2_000;

    public const int CoordinatorNote = 4_000;

    /// <summary>The reason for validating a questionnaire that was never submitted.</summary>
    public const int ValidationOverride = 1_000;

    /// <summary>Who last changed an answer, as recorded (a display name or an e-mail address).</summary>
    public const int UpdatedBy = 200;

    /// <summary>One narrative section of a round, in Markdown.</summary>
    public const int Narrative = 200_000;
}
