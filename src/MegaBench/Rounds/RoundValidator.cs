using System.Text.Json;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Rounds;

/// <summary>
/// The check of a round file (docs/round-file.md, "Import"): reads the whole document, collects every problem with the
/// line it is about, and converts what is valid into the <see cref="Plan"/> that <see cref="RoundWriter"/> writes.
/// Writes nothing.
/// </summary>
internal static class RoundValidator
{
    /// <summary>Reads the JSON, reporting a syntax or type error with its line and position.</summary>
    /// <remarks>The positions (a line for every JSON path) are read only when a problem needs one: a valid round never pays for them.</remarks>
    internal static (RoundDocument Document, Lazy<JsonPositions> Positions) Parse(byte[] bytes)
    {
        ReadOnlySpan<byte> json = bytes;
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        try
        {
            using var syntax = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new RoundImportException([$"{Where(e)}: the file is not valid JSON: {Describe(e)}"]);
        }

        try
        {
            var document = JsonSerializer.Deserialize<RoundDocument>(json, RoundJson.Options)
                ?? throw new RoundImportException(["The file holds JSON null instead of a round object."]);
            var start = bytes.Length - json.Length;
            return (document, new Lazy<JsonPositions>(() => JsonPositions.Read(bytes.AsSpan(start))));
        }
        catch (JsonException e)
        {
            // A converter failure says ".NET type names" only; anything else (a key given twice) says it well enough.
            var what = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? "the value has the wrong type (for example text where a number is expected, or a list where an object is expected)."
                : Describe(e);
            throw new RoundImportException([$"{Where(e)}, at {e.Path}: {what}"]);
        }
    }

    private static string Where(JsonException e) =>
        $"Line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}";

    // System.Text.Json appends " Path: ... | LineNumber: ..." or " LineNumber: ..."; the position is already given.
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.TrimEnd();
    }

    /// <summary>Everything the file says, checked and converted, ready to write.</summary>
    internal sealed record Plan(
        string NetworkName,
        string? NetworkDescription,
        bool IsDemo,
        string CityName,
        string Country,
        int Year,
        RoundStatus Status,
        DateTimeOffset CreatedAt,
        Framework Framework,
        string ContentHash,
        List<Organisation> Organisations,
        List<NarrativeSection> Narrative);

    internal static Plan? Check(RoundDocument document, Problems problems, RoundImportBatch? batch)
    {
        if (document.Format != RoundDocument.FormatName)
        {
            problems.Add(Loc.Root("format"), document.Format is null
                ? $"\"format\" is missing: this does not look like a MegaBench round file (expected \"format\": \"{RoundDocument.FormatName}\")."
                : $"\"format\" is \"{document.Format}\", not \"{RoundDocument.FormatName}\": this is not a MegaBench round file.");
            return null;
        }

        if (document.FormatVersion != RoundDocument.CurrentFormatVersion)
        {
            problems.Add(Loc.Root("formatVersion"), document.FormatVersion is null
                ? "\"formatVersion\" is missing."
                : $"\"formatVersion\" is {document.FormatVersion}, but this MegaBench reads version {RoundDocument.CurrentFormatVersion} only: import it with the MegaBench version that wrote it, or a newer one.");
            return null;
        }

        Unknown(document.Unknown, new Loc("the file", "$"), problems);

        var network = document.Network;
        if (network is null)
        {
            problems.Add(null, "\"network\" is missing.");
        }
        else
        {
            Unknown(network.Unknown, Loc.Root("network"), problems);
            Text(network.Name, Loc.Root("network").Field("name"), TextLimits.NetworkName, problems);
            Optional(network.Description, Loc.Root("network").Field("description"), TextLimits.NetworkDescription, problems);
        }

        var city = document.City;
        if (city is null)
        {
            problems.Add(null, "\"city\" is missing.");
        }
        else
        {
            Unknown(city.Unknown, Loc.Root("city"), problems);
            Text(city.Name, Loc.Root("city").Field("name"), TextLimits.CityName, problems);
            Text(city.Country, Loc.Root("city").Field("country"), TextLimits.Country, problems);
        }

        var round = document.Round;
        var status = RoundStatus.Open;
        var createdAt = default(DateTimeOffset);
        if (round is null)
        {
            problems.Add(null, "\"round\" is missing.");
        }
        else
        {
            Unknown(round.Unknown, Loc.Root("round"), problems);
            if (round.Year is null)
            {
                problems.Add(Loc.Root("round"), "round.year is missing.");
            }
            else if (round.Year is < 1900 or > 2999)
            {
                problems.Add(Loc.Root("round").Field("year"), $"round.year {round.Year} is not a plausible year (1900 to 2999).");
            }

            Enumeration(round.Status, Loc.Root("round").Field("status"), ref status, problems);
            Time(round.CreatedAt, Loc.Root("round").Field("createdAt"), required: true, ref createdAt, problems);
        }

        var framework = CheckFramework(document.Framework, problems, batch);

        var organisations = new List<Organisation>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = document.Organisations ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var organisation = CheckOrganisation(list[i], i, framework, names, problems);
            if (organisation is not null)
            {
                organisations.Add(organisation);
            }
        }

        var narrative = new List<NarrativeSection>();
        var kinds = new Dictionary<NarrativeKind, int>();
        var sections = document.Narrative ?? [];
        for (var i = 0; i < sections.Count; i++)
        {
            var at = Loc.Root("narrative").Item(i);
            var section = sections[i];
            if (section is null)
            {
                problems.Add(at, $"{at} is null; remove it or give it a kind and markdown.");
                continue;
            }

            Unknown(section.Unknown, at, problems);
            var kind = default(NarrativeKind);
            if (Enumeration(section.Kind, at.Field("kind"), ref kind, problems))
            {
                if (kinds.TryGetValue(kind, out var first))
                {
                    problems.Add(at, $"{at}: the section \"{section.Kind}\" is already given by narrative[{first}]; keep one.");
                }
                else
                {
                    kinds[kind] = i;
                }
            }

            if (section.Markdown is null)
            {
                problems.Add(at, $"{at}.markdown is missing (use \"\" for an empty section).");
            }

            Optional(section.Markdown, at.Field("markdown"), TextLimits.Narrative, problems);

            narrative.Add(new NarrativeSection { Kind = kind, Markdown = section.Markdown ?? "" });
        }

        if (problems.Count > 0 || framework is null)
        {
            return null;
        }

        return new Plan(
            network!.Name!,
            network.Description,
            network.IsDemo ?? false,
            city!.Name!,
            city.Country!,
            round!.Year!.Value,
            status,
            createdAt,
            framework.Value.Framework,
            framework.Value.Hash,
            organisations,
            narrative);
    }

    /// <summary>
    /// The framework of the file, checked; in a batch, a definition already checked (the same text, id, version and
    /// hash) is taken from the batch instead of being parsed and hashed again.
    /// </summary>
    private static (Framework Framework, string Hash)? CheckFramework(RoundFrameworkPart? part, Problems problems, RoundImportBatch? batch)
    {
        if (batch is null || part?.Definition is not { ValueKind: JsonValueKind.Object } definition || part.Unknown is { Count: > 0 })
        {
            return CheckFrameworkDefinition(part, problems);
        }

        var key = (part.Id, part.Version, part.ContentHash, definition.GetRawText());
        if (batch.Frameworks.TryGetValue(key, out var known))
        {
            return known;
        }

        var count = problems.Count;
        var checkedFramework = CheckFrameworkDefinition(part, problems);
        if (checkedFramework is { } valid && problems.Count == count)
        {
            batch.Frameworks[key] = valid;
        }

        return checkedFramework;
    }

    private static (Framework Framework, string Hash)? CheckFrameworkDefinition(RoundFrameworkPart? part, Problems problems)
    {
        if (part is null)
        {
            problems.Add(null, "\"framework\" is missing: a round file embeds the framework version its answers refer to.");
            return null;
        }

        var at = Loc.Root("framework");
        Unknown(part.Unknown, at, problems);
        var complete = Text(part.Id, at.Field("id"), 100, problems)
            & Text(part.Version, at.Field("version"), 50, problems)
            & Text(part.ContentHash, at.Field("contentHash"), 64, problems);
        if (part.Definition is not { ValueKind: JsonValueKind.Object } definition)
        {
            problems.Add(at, "framework.definition is missing or not an object: it must hold the framework's canonical JSON.");
            return null;
        }

        Framework framework;
        try
        {
            framework = FrameworkJson.Deserialize(definition.GetRawText());

            // Indicators are enumerated lazily: walk them now, so that a malformed definition fails here.
            _ = framework.Indicators.Count();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add(at.Field("definition"), $"framework.definition is not a valid framework definition ({e.Message}). Export the round again from its source.");
            return null;
        }

        var duplicates = framework.Indicators.GroupBy(i => i.Code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            problems.Add(at.Field("definition"), $"framework.definition lists the indicator code(s) {string.Join(", ", duplicates)} more than once.");
            return null;
        }

        if (!complete)
        {
            return null;
        }

        if (part.Id != framework.Id || part.Version != framework.Version)
        {
            problems.Add(at.Field("id"), $"framework.id and version say {part.Id} {part.Version}, but the definition is {framework.Id} {framework.Version}.");
        }

        var hash = FrameworkJson.ComputeHash(framework);
        if (!string.Equals(hash, part.ContentHash, StringComparison.Ordinal))
        {
            problems.Add(at.Field("contentHash"), $"framework.contentHash ({part.ContentHash}) does not match the definition (whose hash is {hash}): " +
                         "the definition was changed after export. Restore it from the original export; a changed framework needs a new version.");
        }

        return (framework, hash);
    }

    private static Organisation? CheckOrganisation(
        RoundOrganisationPart? part,
        int index,
        (Framework Framework, string Hash)? framework,
        Dictionary<string, int> names,
        Problems problems)
    {
        var at = Loc.Root("organisations").Item(index);
        if (part is null)
        {
            problems.Add(at, $"{at} is null; remove it or give it a name, group, kind and position.");
            return null;
        }

        if (!string.IsNullOrWhiteSpace(part.Name))
        {
            at = at.Labelled($"\"{part.Name}\"");
        }

        Unknown(part.Unknown, at, problems);
        if (Text(part.Name, at.Field("name"), TextLimits.OrganisationName, problems))
        {
            if (names.TryGetValue(part.Name!, out var first))
            {
                problems.Add(at.Field("name"), $"{at}: organisations[{first}] has the same name; every organisation of a round needs its own name.");
            }
            else
            {
                names[part.Name!] = index;
            }
        }

        StakeholderGroup? group = null;
        if (Text(part.Group, at.Field("group"), TextLimits.GroupCode, problems) && framework is { } fw)
        {
            group = fw.Framework.FindGroup(part.Group!);
            if (group is null)
            {
                problems.Add(at.Field("group"), $"{at}.group \"{part.Group}\" is not a group of framework {fw.Framework.Id} {fw.Framework.Version}; " +
                             $"use one of {string.Join(", ", fw.Framework.Groups.Select(g => g.Code))}.");
            }
        }

        if (part.Kind is null)
        {
            problems.Add(at.Field("kind"), $"{at}.kind is missing; use one of the framework's kinds of organisation.");
        }
        else if (framework is { } kindFramework && kindFramework.Framework.OrganisationKindProblem(part.Kind) is { } kindProblem)
        {
            problems.Add(at.Field("kind"), $"{at}.kind: {kindProblem}.");
        }

        Optional(part.Website, at.Field("website"), TextLimits.Website, problems);
        Optional(part.Notes, at.Field("notes"), TextLimits.OrganisationNotes, problems);

        if (part.Position is null)
        {
            problems.Add(at, $"{at}.position is missing (the column of the organisation on its sheet).");
        }

        var organisation = new Organisation
        {
            Name = part.Name ?? "",
            GroupCode = part.Group ?? "",
            Kind = part.Kind ?? "",
            Website = part.Website,
            Notes = part.Notes,
            Position = part.Position ?? 0,
        };

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var answers = part.Answers ?? [];
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = CheckAnswer(answers[i], at.Field("answers").Item(i), i, group, framework?.Framework, codes, problems);
            if (answer is not null)
            {
                organisation.Answers.Add(answer);
            }
        }

        return organisation;
    }

    private static Answer? CheckAnswer(
        RoundAnswerPart? part,
        Loc at,
        int index,
        StakeholderGroup? group,
        Framework? framework,
        Dictionary<string, int> codes,
        Problems problems)
    {
        if (part is null)
        {
            problems.Add(at, $"{at} is null; remove it or give it an indicator, value and version.");
            return null;
        }

        if (!string.IsNullOrWhiteSpace(part.Indicator))
        {
            at = at.Labelled(part.Indicator);
        }

        Unknown(part.Unknown, at, problems);
        if (Text(part.Indicator, at.Field("indicator"), TextLimits.IndicatorCode, problems))
        {
            if (codes.TryGetValue(part.Indicator!, out var first))
            {
                problems.Add(at, $"{at}: answers[{first}] already answers {part.Indicator}; an organisation answers each indicator once.");
            }
            else
            {
                codes[part.Indicator!] = index;
            }

            if (framework is not null)
            {
                var indicator = framework.FindIndicator(part.Indicator!);
                if (indicator is null)
                {
                    problems.Add(at.Field("indicator"), $"{at}: \"{part.Indicator}\" is not an indicator of framework {framework.Id} {framework.Version}.");
                }
                else if (group is not null && indicator.Group != group.Code)
                {
                    problems.Add(at.Field("indicator"), $"{at}: {indicator.Code} is a statement for group {indicator.Group}, but the organisation is in group {group.Code}.");
                }
            }
        }

        var value = default(AnswerValue);
        Enumeration(part.Value, at.Field("value"), ref value, problems);
        if (part.Version is null)
        {
            problems.Add(at, $"{at}.version is missing (1 for an answer never changed).");
        }
        else if (part.Version < 1)
        {
            problems.Add(at.Field("version"), $"{at}.version is {part.Version}; versions start at 1.");
        }

        Optional(part.UpdatedBy, at.Field("updatedBy"), TextLimits.UpdatedBy, problems);
        Optional(part.Comment, at.Field("comment"), TextLimits.AnswerComment, problems);
        Optional(part.Evidence, at.Field("evidence"), TextLimits.AnswerEvidence, problems);
        Optional(part.CoordinatorNote, at.Field("coordinatorNote"), TextLimits.CoordinatorNote, problems);

        DateTimeOffset? updatedAt = null;
        if (part.UpdatedAt is not null)
        {
            var parsed = default(DateTimeOffset);
            if (Time(part.UpdatedAt, at.Field("updatedAt"), required: false, ref parsed, problems))
            {
                updatedAt = parsed;
            }
        }

        return new Answer
        {
            IndicatorCode = part.Indicator ?? "",
            Value = value,
            Comment = part.Comment,
            Evidence = part.Evidence,
            CoordinatorNote = part.CoordinatorNote,
            UpdatedBy = part.UpdatedBy,
            UpdatedAt = updatedAt,
            Version = part.Version ?? 1,
        };
    }

    private static void Unknown(Dictionary<string, JsonElement>? unknown, Loc at, Problems problems)
    {
        if (unknown is { Count: > 0 })
        {
            problems.Add(at.Field(unknown.Keys.First()), $"{at} has the unknown propert{(unknown.Count == 1 ? "y" : "ies")} {string.Join(", ", unknown.Keys.Select(k => $"\"{k}\""))}: " +
                         $"check the spelling (this is format version {RoundDocument.CurrentFormatVersion}).");
        }
    }

    /// <summary>A text that may be absent, at most <paramref name="maxLength"/> characters when present (the forms' limit).</summary>
    private static void Optional(string? value, Loc at, int maxLength, Problems problems)
    {
        if (value is { Length: var length } && length > maxLength)
        {
            problems.Add(at, $"{at} is {length:N0} characters long; it may hold at most {maxLength:N0}, as in the form. Shorten it and import again.");
        }
    }

    private static bool Text(string? value, Loc at, int maxLength, Problems problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(at, value is null ? $"{at} is missing." : $"{at} is empty.");
            return false;
        }

        if (value.Length > maxLength)
        {
            problems.Add(at, $"{at} is longer than {maxLength} characters.");
            return false;
        }

        return true;
    }

    private static bool Enumeration<T>(string? text, Loc at, ref T value, Problems problems)
        where T : struct, Enum
    {
        if (text is null)
        {
            problems.Add(at, $"{at} is missing; use one of {RoundJson.Names<T>()}.");
            return false;
        }

        if (!RoundJson.TryParse(text, out value))
        {
            problems.Add(at, $"{at} \"{text}\" is not one of {RoundJson.Names<T>()}.");
            return false;
        }

        return true;
    }

    private static bool Time(string? text, Loc at, bool required, ref DateTimeOffset value, Problems problems)
    {
        if (text is null)
        {
            if (required)
            {
                problems.Add(at, $"{at} is missing.");
            }

            return false;
        }

        if (!RoundJson.TryParseTime(text, out value))
        {
            problems.Add(at, $"{at} \"{text}\" is not a time with its offset, such as \"2018-05-14T10:30:00.000000Z\".");
            return false;
        }

        return true;
    }

    internal static async Task CheckAgainstDatabaseAsync(MegaBenchDbContext db, Plan plan, Problems problems, CancellationToken cancellationToken)
    {
        var framework = plan.Framework;
        var stored = await db.Frameworks.AsNoTracking()
            .SingleOrDefaultAsync(f => f.FrameworkId == framework.Id && f.Version == framework.Version, cancellationToken);
        if (stored is not null && stored.ContentHash != plan.ContentHash)
        {
            problems.Add(Loc.Root("framework").Field("version"), $"This database already holds framework {framework.Id} version {framework.Version} with different content " +
                         $"(hash {stored.ContentHash}, the file's is {plan.ContentHash}). A stored version never changes, so the round cannot " +
                         "be attached to it: import into a database without that version, or ask who changed the framework without a new version number.");
        }

        var city = await db.Cities.AsNoTracking()
            .Where(c => c.Network!.Name == plan.NetworkName && c.Name == plan.CityName)
            .Select(c => new { c.Country, Rounds = c.Rounds.Where(r => r.Year == plan.Year).Select(r => r.Id).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (city is null)
        {
            return;
        }

        if (city.Country != plan.Country)
        {
            problems.Add(Loc.Root("city").Field("country"), $"The city \"{plan.CityName}\" of network \"{plan.NetworkName}\" is already in this database with the country " +
                         $"\"{city.Country}\", but the file says \"{plan.Country}\": correct one of them.");
        }

        if (city.Rounds.Count > 0)
        {
            problems.Add(Loc.Root("round").Field("year"), $"\"{plan.CityName}\" of network \"{plan.NetworkName}\" already has a round for {plan.Year} (round id {city.Rounds[0]}). " +
                         "A city has one round per year: delete that round first, or import into another database.");
        }
    }
}


/// <summary>
/// Where a problem is: as the message names it (<c>organisations[3] ("City of X").answers[2] (MUN-1.03)</c>)
/// and as a JSON path (<c>$.organisations[3].answers[2]</c>) to find its line in the file.
/// </summary>
internal readonly record struct Loc(string Human, string Json)
{
    public static Loc Root(string name) => new(name, "$." + name);

    public Loc Field(string name) => new($"{Human}.{name}", $"{Json}.{name}");

    public Loc Item(int index) => new($"{Human}[{index}]", $"{Json}[{index}]");

    /// <summary>Adds a label for people (a name, a code) that the JSON path does not have.</summary>
    public Loc Labelled(string label) => this with { Human = $"{Human} ({label})" };

    public override string ToString() => Human;
}

/// <summary>The problems found so far, each prefixed with the line of the file it is about, when known.</summary>
internal sealed class Problems(Lazy<JsonPositions> positions)
{
    public List<string> Items { get; } = [];

    public int Count => Items.Count;

    public void Add(Loc? at, string message) =>
        Items.Add(at is { } location && positions.Value.LineOf(location.Json) is { } line ? $"Line {line}: {message}" : message);
}
