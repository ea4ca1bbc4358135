using System.Text.Json;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Rounds;

/// <summary>
/// Reads a <see cref="RoundDocument"/> back into the database as a new round.
/// </summary>
/// <remarks>
/// <para>The whole file is checked before anything is written, and every problem found is reported in one
/// <see cref="RoundImportException"/>, so that a user fixes the file in one go. Then everything is written in
/// one transaction: the framework version (registered if new), the network (found by name or created), the
/// city (found by network and name or created), the round, its organisations, answers and narrative.
/// On any problem nothing is written.</para>
/// <para>Required: format and formatVersion, network.name, city.name and country, round.year, status and
/// createdAt, the framework's id, version, contentHash and definition, each organisation's name, group,
/// kind and position, each answer's indicator, value and version, each narrative section's kind and
/// markdown. Missing lists (organisations, answers, narrative) mean none.</para>
/// </remarks>
public static class RoundImporter
{
    public static Task<Round> ImportAsync(MegaBenchDbContext db, Stream input, CancellationToken cancellationToken) =>
        ImportAsync(db, input, batch: null, cancellationToken);

    /// <inheritdoc cref="ImportAsync(MegaBenchDbContext, Stream, CancellationToken)"/>
    /// <param name="batch">
    /// Shared by the rounds of one network import (the bulk path): each framework definition is checked once, and
    /// the stored framework, network and cities are found once. Null for a single round.
    /// </param>
    public static async Task<Round> ImportAsync(MegaBenchDbContext db, Stream input, RoundImportBatch? batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);

        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken);
        var (document, positions) = Parse(buffer.ToArray());

        var problems = new Problems(positions);
        var plan = Check(document, problems, batch);
        if (plan is not null)
        {
            await CheckAgainstDatabaseAsync(db, plan, problems, cancellationToken);
        }

        if (problems.Count > 0 || plan is null)
        {
            throw new RoundImportException(problems.Items);
        }

        var round = await WriteAsync(db, plan, batch, cancellationToken);
        if (batch is null)
        {
            // A single round's caller reads where it went (the CLI prints it).
            await db.Entry(round).Reference(r => r.City).LoadAsync(cancellationToken);
            await db.Entry(round.City!).Reference(c => c.Network).LoadAsync(cancellationToken);
        }

        return round;
    }

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
    private sealed record Plan(
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

    private static Plan? Check(RoundDocument document, Problems problems, RoundImportBatch? batch)
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

    private static async Task CheckAgainstDatabaseAsync(MegaBenchDbContext db, Plan plan, Problems problems, CancellationToken cancellationToken)
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

    /// <summary>
    /// Writes a checked round, the one write path of a single round and of every round of a network import: the
    /// framework, network and city are found (or created) once per batch and referred to by key, so that each round
    /// is one insert of its rows. Inside a caller's transaction (a network import, all or nothing) the round joins it;
    /// otherwise it has its own.
    /// </summary>
    private static async Task<Round> WriteAsync(MegaBenchDbContext db, Plan plan, RoundImportBatch? batch, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var round = await WriteRoundAsync(db, plan, batch ?? new RoundImportBatch(), cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return round;
        }
        catch
        {
            // The transaction rolls back on dispose; forget the unsaved entities too, so that a caller
            // reusing this context does not save them later by accident.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private static async Task<Round> WriteRoundAsync(MegaBenchDbContext db, Plan plan, RoundImportBatch batch, CancellationToken cancellationToken)
    {
        if (!batch.StoredFrameworks.TryGetValue(plan.ContentHash, out var storedId))
        {
            storedId = (await FrameworkStore.RegisterAsync(db, plan.Framework, cancellationToken: cancellationToken)).Id;
            batch.StoredFrameworks[plan.ContentHash] = storedId;
        }

        if (!batch.Networks.TryGetValue(plan.NetworkName, out var networkId))
        {
            var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Name == plan.NetworkName, cancellationToken);
            if (network is null)
            {
                network = new Network { Name = plan.NetworkName, Description = plan.NetworkDescription, IsDemo = plan.IsDemo };
                db.Networks.Add(network);
                await db.SaveChangesAsync(cancellationToken);
            }

            networkId = network.Id;
            batch.Networks[plan.NetworkName] = networkId;
        }

        if (!batch.Cities.TryGetValue((networkId, plan.CityName), out var cityId))
        {
            var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.NetworkId == networkId && c.Name == plan.CityName, cancellationToken);
            if (city is null)
            {
                city = new City { NetworkId = networkId, Name = plan.CityName, Country = plan.Country };
                db.Cities.Add(city);
                await db.SaveChangesAsync(cancellationToken);
            }

            cityId = city.Id;
            batch.Cities[(networkId, plan.CityName)] = cityId;
        }

        var round = new Round
        {
            CityId = cityId,
            StoredFrameworkId = storedId,
            Year = plan.Year,
            Status = plan.Status,
            CreatedAt = plan.CreatedAt,
        };
        round.Organisations.AddRange(plan.Organisations);
        round.Narrative.AddRange(plan.Narrative);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        return round;
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

/// <summary>A round file that cannot be imported, with every problem found. Nothing was written.</summary>
public sealed class RoundImportException : Exception
{
    /// <summary>Longest problem list shown; the rest is counted, so a wholly wrong file stays readable.</summary>
    private const int MaxProblemsShown = 50;

    public RoundImportException(IReadOnlyList<string> problems)
        : base(Compose(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Compose(IReadOnlyList<string> problems)
    {
        var shown = problems.Take(MaxProblemsShown).Select(p => "  - " + p);
        var more = problems.Count > MaxProblemsShown ? [$"  ... and {problems.Count - MaxProblemsShown} more."] : Array.Empty<string>();
        var header = problems.Count == 1
            ? "The round file cannot be imported; nothing was written. Fix this problem and import it again:"
            : $"The round file cannot be imported; nothing was written. Fix these {problems.Count} problems and import it again:";
        return string.Join("\n", [header, .. shown, .. more]);
    }
}

/// <summary>
/// What the rounds of one network import share (see <see cref="RoundImporter.ImportAsync(MegaBenchDbContext, Stream, RoundImportBatch?, CancellationToken)"/>):
/// the framework definitions already checked, and the keys of the stored frameworks, networks and cities already
/// found or created. Valid for one import in one transaction only.
/// </summary>
public sealed class RoundImportBatch
{
    internal Dictionary<(string? Id, string? Version, string? Hash, string Definition), (Framework Framework, string Hash)> Frameworks { get; } = [];

    internal Dictionary<string, int> StoredFrameworks { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, int> Networks { get; } = new(StringComparer.Ordinal);

    internal Dictionary<(int Network, string City), int> Cities { get; } = [];
}
