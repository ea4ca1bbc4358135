using System.Security.Cryptography;
using System.Text;

namespace MegaBench.Answers;

/// <summary>
/// A short digest of an answer as a form or a file showed it, to tell a statement someone changed from one left
/// untouched. Texts are compared trimmed, empty as absent, whatever their line ends (browsers send \r\n).
/// </summary>
public static class AnswerFingerprint
{
    public static string Of(AnswerValue value, params string?[] texts)
    {
        var text = string.Join('\u001f', [value.ToString(), .. texts.Select(AnswerText.Clean)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

}
