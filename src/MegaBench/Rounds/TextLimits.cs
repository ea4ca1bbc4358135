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

    /// <summary>A network's citation text for its open data (docs/open-data.md).</summary>
    public const int OpenDataCitation = 1_000;

    /// <summary>Who last changed an answer, as recorded (a display name or an e-mail address).</summary>
    public const int UpdatedBy = 200;

    /// <summary>One narrative section of a round, in Markdown.</summary>
    public const int Narrative = 200_000;

    /// <summary>
    /// Whether a text can be stored and shown: no NUL (PostgreSQL refuses it, and C strings end at it), no lone
    /// surrogate (not a character; PostgreSQL refuses it too) and no U+FFFE or U+FFFF (noncharacters, that XML,
    /// and so every export, cannot hold). The forms, the API and the importers all ask this.
    /// </summary>
    public static bool IsStorable(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\0' or '\uFFFE' or '\uFFFF')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
