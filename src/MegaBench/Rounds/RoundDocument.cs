using System.Text.Json;
using System.Text.Json.Serialization;

namespace MegaBench.Rounds;

/// <summary>
/// The lossless JSON file of one whole round (<c>megabench export round --format json</c>): its network,
/// city, framework version, organisations with their answers, and narrative. Importing it into any
/// database restores the round exactly, and exporting it again gives the same bytes.
/// </summary>
/// <remarks>
/// <para>The file holds no database ids: things are named by what identifies them to people (network
/// name, city name, year, organisation name, indicator code). The framework is embedded in full, with
/// its content hash, so the file keeps its meaning wherever it goes.</para>
/// <para>Properties are written in the order they are declared here; null ones are left out. Every
/// property is nullable so that the importer can report every missing field at once instead of
/// stopping at the first; <see cref="RoundImporter"/> states which ones are required.</para>
/// <para>Enumerations are written in lower-case kebab form ("not-determined", "business-association").
/// Times are in UTC to the microsecond, the precision both SQLite and PostgreSQL keep.</para>
/// </remarks>
public sealed class RoundDocument
{
    public const string FormatName = "megabench-round";

    public const int CurrentFormatVersion = 1;

    public string? Format { get; set; }

    public int? FormatVersion { get; set; }

    public RoundNetworkPart? Network { get; set; }

    public RoundCityPart? City { get; set; }

    public RoundPart? Round { get; set; }

    public RoundFrameworkPart? Framework { get; set; }

    public List<RoundOrganisationPart?>? Organisations { get; set; }

    public List<RoundNarrativePart?>? Narrative { get; set; }

    /// <summary>Properties the format does not define; the importer reports them (typos, newer formats).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>The round's network. Description and the demo flag are used only when the import creates the network.</summary>
public sealed class RoundNetworkPart
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool? IsDemo { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed class RoundCityPart
{
    public string? Name { get; set; }

    public string? Country { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed class RoundPart
{
    public int? Year { get; set; }

    /// <summary>"open", "closed" or "published".</summary>
    public string? Status { get; set; }

    public string? CreatedAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>The exact framework version of the round: its canonical definition and that definition's SHA-256.</summary>
public sealed class RoundFrameworkPart
{
    public string? Id { get; set; }

    public string? Version { get; set; }

    public string? ContentHash { get; set; }

    /// <summary>The canonical framework JSON (<see cref="Frameworks.FrameworkJson"/>) as an object.</summary>
    public JsonElement? Definition { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed class RoundOrganisationPart
{
    public string? Name { get; set; }

    /// <summary>The stakeholder group code, e.g. "MUN".</summary>
    public string? Group { get; set; }

    /// <summary>e.g. "city", "chamber", "migrant-association".</summary>
    public string? Kind { get; set; }

    public string? Website { get; set; }

    public string? Notes { get; set; }

    public int? Position { get; set; }

    public List<RoundAnswerPart?>? Answers { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed class RoundAnswerPart
{
    /// <summary>The indicator code, e.g. "MUN-2.05".</summary>
    public string? Indicator { get; set; }

    /// <summary>"yes", "no", "not-determined" or "unanswered".</summary>
    public string? Value { get; set; }

    public string? Comment { get; set; }

    public string? Evidence { get; set; }

    public string? CoordinatorNote { get; set; }

    public string? UpdatedBy { get; set; }

    public string? UpdatedAt { get; set; }

    public int? Version { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed class RoundNarrativePart
{
    /// <summary>e.g. "national-context", "may-share".</summary>
    public string? Kind { get; set; }

    public string? Markdown { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
