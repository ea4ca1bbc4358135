using System.Text.Json;
using System.Text.Json.Serialization;
using MegaBench.Rounds;

namespace MegaBench.Web.Api;

/// <summary>
/// Reads every string of an API body through <see cref="TextLimits.IsStorable"/>: a NUL, a lone surrogate or
/// U+FFFE/U+FFFF is refused before any endpoint runs, and <see cref="ApiBadRequests"/> answers problem+json naming
/// the field (issue 15, hardening finding 8).
/// </summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // Not a string: the reader's own error ("value of the wrong kind").
            throw new JsonException();
        }

        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") cannot even become a .NET string.
            throw new UnstorableTextException();
        }

        return TextLimits.IsStorable(text) ? text : throw new UnstorableTextException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>A string of a JSON body holds a character that cannot be stored (see <see cref="TextLimits.IsStorable"/>).</summary>
public sealed class UnstorableTextException : JsonException
{
    public UnstorableTextException()
        : base("The text holds a character that cannot be stored.")
    {
    }

    public UnstorableTextException(string message)
        : base(message)
    {
    }

    public UnstorableTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
