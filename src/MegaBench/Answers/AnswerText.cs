using System.Text;

namespace MegaBench.Answers;

/// <summary>
/// The one rule for what an answer's text (comment, evidence, coordinator note) is once stored, whichever path
/// saved it: the questionnaire with or without JavaScript (<c>Questionnaire</c>, <c>AnswerWriter</c>), the
/// coordinator's form, the offline questionnaire file, and the fingerprint that tells a changed statement from an
/// untouched one. Limits are <see cref="Rounds.TextLimits"/>.
/// </summary>
public static class AnswerText
{
    /// <summary>
    /// Line ends as \n (a form posts a textarea's as \r\n, a script as \n, a spreadsheet cell may hold \r), no
    /// leading or trailing white space, composed Unicode (NFC: an accent typed as a separate mark and the accented
    /// letter are the same text); empty or white space only is no text (null).
    /// </summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = text.ReplaceLineEndings("\n").Trim();
        try
        {
            return cleaned.IsNormalized(NormalizationForm.FormC) ? cleaned : cleaned.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Not valid Unicode (a lone surrogate): left as it is, for TextLimits.IsStorable to refuse with a message.
            return cleaned;
        }
    }

    /// <summary>
    /// The length of <paramref name="text"/> as it would be stored (<see cref="Clean"/>'s result, so a CRLF counts as
    /// one character and surrounding white space not at all) when that is over <paramref name="limit"/>; null when it
    /// fits. Every save path measures against its <see cref="Rounds.TextLimits"/> this way, so a text one screen
    /// accepts is never refused by another.
    /// </summary>
    public static int? OverLimit(string? text, int limit) => Clean(text) is { Length: var length } && length > limit ? length : null;
}
