using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MegaBench.Rounds;

/// <summary>The writing rules of <see cref="RoundDocument"/>, shared by the exporter and the importer.</summary>
internal static class RoundJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NewLine = "\n",
        // Readable accents and scripts; JSON string escaping still applies, so any text is safe.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,

        // A key given twice would silently lose one of its values.
        AllowDuplicateProperties = false,
    };

    /// <summary>The file's spelling of an enumeration value: <c>NotDetermined</c> is "not-determined".</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => Name(v)));

    /// <summary>
    /// A time in UTC to the microsecond, e.g. "2018-05-14T10:30:00.000000Z". PostgreSQL keeps
    /// microseconds and always returns UTC, so this is the form that survives both databases unchanged.
    /// </summary>
    public static string Time(DateTimeOffset value) =>
        Truncate(value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO 8601 time that states its offset ("Z" or "+02:00"); a time without one is ambiguous.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || !HasOffset(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        value = Truncate(parsed);
        return true;
    }

    private static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.UtcTicks;
        return new DateTimeOffset(utc - (utc % 10), TimeSpan.Zero);
    }

    private static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }

        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return time >= 0 && text.IndexOfAny(['+', '-'], time) > 0;
    }
}
