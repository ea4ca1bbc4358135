using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Exports;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Scoring;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.OpenData;

/// <summary>
/// A network's published results as a Frictionless Tabular Data Package: <c>datapackage.json</c> and one CSV per
/// resource of <see cref="Resources"/> (docs/open-data.md).
/// </summary>
/// <remarks>
/// <para><b>Which rounds.</b> Each city's latest published round, as the network's comparisons choose it
/// (<see cref="NetworkScores.LatestPublishedAsync"/>); open and closed rounds are never in it.</para>
/// <para><b>No personal data.</b> Rounds are read as the round file gives them to a reader outside the city's staff
/// (<see cref="RoundExporter.BuildAsync"/> with <c>withPeople: false</c>), the one rule for what published data holds:
/// no contact address, no submitter or validator, no reason for validating, no one who changed an answer. Of that,
/// the package keeps organisations, their answers with comments, evidence and coordinators' notes (footnotes of the
/// published sheets), and the scores.</para>
/// <para><b>Files.</b> CSV through <see cref="CsvFiles"/> (UTF-8, RFC 4180, CRLF, a header row, text cells neutralised
/// against formulas as every export is), which is the Data Package's default dialect. Figures are <see cref="Scorer"/>'s.
/// Organisation ids are numbers of the release (1 to n); city and round ids are the database's.</para>
/// </remarks>
public static class OpenDataPackage
{
    public const string DescriptorName = "datapackage.json";

    /// <summary>A column of a resource, as its Table Schema field states it.</summary>
    /// <param name="Type">A Table Schema type: <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</param>
    public sealed record Field(string Name, string Type, string Description, bool Required = false, IReadOnlyList<string>? Enum = null);

    public sealed record ForeignKey(string Field, string Resource, string ReferenceField);

    /// <summary>One CSV of the package and its Table Schema.</summary>
    public sealed record Resource(string Name, string Title, string Description, IReadOnlyList<Field> Fields, IReadOnlyList<string> PrimaryKey, IReadOnlyList<ForeignKey> ForeignKeys)
    {
        public string FileName => Name + ".csv";
    }

    /// <summary>A file of the package as written.</summary>
    public sealed record PackageFile(string Name, string ContentType, byte[] Content)
    {
        public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Content));
    }

    private static readonly string[] Answers = [.. Enum.GetValues<AnswerValue>().Select(v => RoundJson.Name(v))];

    private static Field Id(string name, string what) => new(name, "integer", what, Required: true);

    private static Field Framework => new("framework", "string", "The framework's id, e.g. mega-2018.", Required: true);

    private static Field FrameworkVersion => new("framework_version", "string", "The framework's version.", Required: true);

    private static Field[] Counts(string of) =>
    [
        new("yes", "integer", $"Answers yes {of}.", Required: true),
        new("no", "integer", $"Answers no {of}.", Required: true),
        new("not_determined", "integer", $"Answers not determined (n/d) {of}.", Required: true),
        new("unanswered", "integer", $"Statements not answered {of}.", Required: true),
    ];

    private static Field LowCoverage(string what) =>
        new("low_coverage", "boolean", $"True when {what} rests on little data: too few yes or no answers among the statements (the framework's low-coverage ratio).", Required: true);

    /// <summary>The package's resources in order, each with its Table Schema: the one statement of the open data's columns.</summary>
    public static IReadOnlyList<Resource> Resources { get; } =
    [
        new("cities", "Cities", "The network's cities that have a published round.",
            [Id("city_id", "The city's id."), new("name", "string", "The city's name.", Required: true), new("country", "string", "The city's country.", Required: true)],
            ["city_id"], []),
        new("rounds", "Rounds", "Each city's latest published round: the city's benchmark in a year, against one framework version.",
            [Id("round_id", "The round's id."), Id("city_id", "The city benchmarked."), new("year", "integer", "The year of the benchmark.", Required: true), Framework, FrameworkVersion],
            ["round_id"], [new("city_id", "cities", "city_id")]),
        new("groups", "Stakeholder groups", "The stakeholder groups of each framework version used, in the framework's source language.",
            [Framework, FrameworkVersion, new("group_code", "string", "The group's code, e.g. MUN.", Required: true), new("name", "string", "The group's name.", Required: true)],
            ["framework", "framework_version", "group_code"], []),
        new("themes", "Themes", "The themes (policy areas) of each framework version used, in the framework's source language.",
            [Framework, FrameworkVersion, new("theme_code", "string", "The theme's code.", Required: true), new("name", "string", "The theme's name.", Required: true), new("description", "string", "What the theme covers.")],
            ["framework", "framework_version", "theme_code"], []),
        new("statements", "Statements", "The checklist statements (indicators) of each framework version used, in the framework's source language.",
            [Framework, FrameworkVersion, new("statement_code", "string", "The statement's stable code, e.g. MUN-2.05.", Required: true),
             new("group_code", "string", "The stakeholder group whose organisations answer it.", Required: true),
             new("stage", "integer", "The stage: 1 laying the foundations, 2 expanding the work, 3 making the work normal practice.", Required: true),
             new("text", "string", "The statement.", Required: true), new("themes", "string", "The codes of its themes, separated by semicolons.")],
            ["framework", "framework_version", "statement_code"], []),
        new("organisations", "Organisations", "The local organisations that answered, by stakeholder group and kind. Organisations only: no person is named.",
            [Id("organisation_id", "The organisation's number in this release."), Id("round_id", "The round it answered in."),
             new("group_code", "string", "Its stakeholder group.", Required: true), new("kind", "string", "What kind of organisation it is: a code of the round's framework's organisation kinds (MEGA's: city, department, region, intermunicipality, chamber, business-association, migrant-association, incubator, foundation, other).", Required: true),
             new("name", "string", "The organisation's name.", Required: true), new("website", "string", "Its website."),
             new("notes", "string", "The coordinator's note about the organisation, a footnote of the assessment sheet.")],
            ["organisation_id"], [new("round_id", "rounds", "round_id")]),
        new("answers", "Answers", "Each organisation's answer to each statement of its group, unanswered ones included, with the comments that are the sheet's footnotes.",
            [Id("organisation_id", "The organisation answering."), new("statement_code", "string", "The statement answered (see statements, for the round's framework version).", Required: true),
             new("answer", "string", "yes, no, not-determined (n/d) or unanswered.", Required: true, Answers),
             new("comment", "string", "The organisation's comment."), new("evidence", "string", "A link or a short text backing the answer."),
             new("coordinator_note", "string", "The city coordinator's note on the answer.")],
            ["organisation_id", "statement_code"], [new("organisation_id", "organisations", "organisation_id")]),
        new("organisation_scores", "Organisation levels", "Each organisation's level: the highest stage reached, 0 for not yet at basic level.",
            [Id("organisation_id", "The organisation."), new("level", "integer", "The highest stage reached (0 to 3).", Required: true), .. Counts("over its group's statements"), LowCoverage("the level")],
            ["organisation_id"], [new("organisation_id", "organisations", "organisation_id")]),
        new("organisation_stages", "Organisation stages", "Each organisation's result at each stage: a stage is met when yes / (yes + no) reaches the framework's threshold, and reached when the previous stage is reached too.",
            [Id("organisation_id", "The organisation."), new("stage", "integer", "The stage (1 to 3).", Required: true), .. Counts("at this stage"),
             new("met", "boolean", "True when the share met reaches the threshold.", Required: true), new("reached", "boolean", "True when met and the previous stage is reached.", Required: true), LowCoverage("the stage")],
            ["organisation_id", "stage"], [new("organisation_id", "organisations", "organisation_id")]),
        new("group_scores", "Group scores", "Each round's result per stakeholder group: the level of its typical organisation and the level of its ecosystem.",
            [Id("round_id", "The round."), new("group_code", "string", "The stakeholder group.", Required: true),
             new("organisations", "integer", "Organisations of the group in the round.", Required: true),
             new("median_level", "integer", "The level of the group's typical organisation (the lower median); empty without organisations."),
             new("ecosystem_level", "integer", "The highest stage at which the share of statements met by at least one organisation reaches the threshold.", Required: true),
             .. Counts("over the group's organisations and statements"), LowCoverage("the group's result")],
            ["round_id", "group_code"], [new("round_id", "rounds", "round_id")]),
        new("theme_scores", "Theme scores", "Each round's score per theme: the mean adoption (share of organisations answering yes among those answering yes or no) over the theme's statements that have answers, 0 to 100.",
            [Id("round_id", "The round."), new("theme_code", "string", "The theme.", Required: true),
             new("score", "number", "The score, 0 to 100; empty when no statement of the theme has a yes or no answer."),
             new("statements", "integer", "The theme's statements.", Required: true), new("statements_with_data", "integer", "Its statements with at least one yes or no answer.", Required: true),
             .. Counts("over the theme's statements"), LowCoverage("the score")],
            ["round_id", "theme_code"], [new("round_id", "rounds", "round_id")]),
    ];

    /// <summary>A written package: its files, the descriptor last, and how many rounds it holds.</summary>
    public sealed record Package(IReadOnlyList<PackageFile> Files, int Rounds);

    /// <summary>Writes release <paramref name="number"/> of the network's open data; null when the network has no published round.</summary>
    public static async Task<Package?> BuildAsync(MegaBenchDbContext db, Network network, int number, DateTimeOffset created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(network);
        var chosen = (await NetworkScores.LatestPublishedAsync(db, network.Id, cancellationToken)).Select(r => r.RoundId).ToList();
        if (chosen.Count == 0)
        {
            return null;
        }

        var rounds = (await db.Rounds.AsNoTracking()
                .Where(r => chosen.Contains(r.Id))
                .Select(r => new { r.Id, r.CityId, City = r.City!.Name, r.City.Country, r.Year, r.StoredFrameworkId })
                .ToListAsync(cancellationToken))
            .OrderBy(r => r.City, StringComparer.Ordinal).ThenBy(r => r.CityId)
            .ToList();
        var rows = Resources.ToDictionary(r => r.Name, _ => new List<string?[]>(), StringComparer.Ordinal);
        var frameworks = new Dictionary<int, Framework>();
        var organisationNumber = 0;
        foreach (var round in rounds)
        {
            if (!frameworks.TryGetValue(round.StoredFrameworkId, out var framework))
            {
                framework = FrameworkStore.Read(await db.Frameworks.AsNoTracking().SingleAsync(f => f.Id == round.StoredFrameworkId, cancellationToken));
                frameworks[round.StoredFrameworkId] = framework;
                AddFramework(rows, framework);
            }

            var roundId = Text(round.Id);
            rows["cities"].Add([Text(round.CityId), round.City, round.Country]);
            rows["rounds"].Add([roundId, Text(round.CityId), Text(round.Year), framework.Id, framework.Version]);

            var document = await RoundExporter.BuildAsync(db, round.Id, cancellationToken, withPeople: false);
            var organisations = new List<OrganisationAnswers>();
            foreach (var organisation in document.Organisations!.OfType<RoundOrganisationPart>())
            {
                var id = ++organisationNumber;
                var values = (organisation.Answers ?? []).OfType<RoundAnswerPart>().ToDictionary(a => a.Indicator!, StringComparer.Ordinal);
                rows["organisations"].Add([Text(id), roundId, organisation.Group, organisation.Kind, organisation.Name, organisation.Website, organisation.Notes]);
                foreach (var indicator in framework.FindGroup(organisation.Group!)?.Indicators ?? [])
                {
                    var answer = values.GetValueOrDefault(indicator.Code);
                    rows["answers"].Add([Text(id), indicator.Code, answer?.Value ?? RoundJson.Name(AnswerValue.Unanswered), answer?.Comment, answer?.Evidence, answer?.CoordinatorNote]);
                }

                organisations.Add(new OrganisationAnswers(id, organisation.Name!, organisation.Group!, values.ToDictionary(
                    a => a.Key, a => RoundJson.TryParse<AnswerValue>(a.Value.Value, out var value) ? value : AnswerValue.Unanswered, StringComparer.Ordinal)));
            }

            AddScores(rows, roundId, Scorer.Score(framework, organisations));
        }

        var files = new List<PackageFile>();
        foreach (var resource in Resources)
        {
            using var stream = new MemoryStream();
            await CsvFiles.WriteAsync(stream, [.. resource.Fields.Select(f => f.Name)], ToAsync(rows[resource.Name]), cancellationToken);
            files.Add(new PackageFile(resource.FileName, "text/csv; charset=utf-8", stream.ToArray()));
        }

        files.Add(new PackageFile(DescriptorName, "application/json; charset=utf-8", Descriptor(network, number, created, files)));
        return new Package(files, rounds.Count);
    }

    /// <summary>The package's name: lower-case letters, digits and hyphens, as the Data Package asks.</summary>
    public static string Name(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var slug = new string([.. network.Name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return "megabench-" + (slug.Length == 0 ? $"network-{network.Id}" : slug);
    }

    private static void AddFramework(Dictionary<string, List<string?[]>> rows, Framework framework)
    {
        foreach (var group in framework.Groups)
        {
            rows["groups"].Add([framework.Id, framework.Version, group.Code, group.Name.Source]);
        }

        foreach (var theme in framework.Themes)
        {
            rows["themes"].Add([framework.Id, framework.Version, theme.Code, theme.Name.Source, theme.Description?.Source]);
        }

        foreach (var indicator in framework.Indicators)
        {
            rows["statements"].Add([framework.Id, framework.Version, indicator.Code, indicator.Group, Text(indicator.Stage), indicator.Text.Source, string.Join(';', indicator.Themes)]);
        }
    }

    private static void AddScores(Dictionary<string, List<string?[]>> rows, string roundId, CityScore score)
    {
        foreach (var group in score.Groups)
        {
            foreach (var organisation in group.Organisations)
            {
                rows["organisation_scores"].Add([Text(organisation.Id), Text(organisation.Level), .. Counts(organisation.Overall), Text(organisation.LowCoverage)]);
                foreach (var stage in organisation.Stages)
                {
                    rows["organisation_stages"].Add([Text(organisation.Id), Text(stage.Stage), .. Counts(stage.Tally), Text(stage.Met), Text(stage.Reached), Text(stage.LowCoverage)]);
                }
            }

            rows["group_scores"].Add([roundId, group.Group, Text(group.Organisations.Count), group.MedianLevel is { } median ? Text(median) : null,
                Text(group.EcosystemLevel), .. Counts(group.Tally), Text(group.LowCoverage)]);
        }

        foreach (var theme in score.Themes)
        {
            rows["theme_scores"].Add([roundId, theme.Theme, theme.Score?.ToString("R", CultureInfo.InvariantCulture),
                Text(theme.Indicators), Text(theme.IndicatorsWithData), .. Counts(theme.Tally), Text(theme.LowCoverage)]);
        }
    }

    private static byte[] Descriptor(Network network, int number, DateTimeOffset created, IReadOnlyList<PackageFile> files)
    {
        var licence = OpenLicence.Find(network.OpenDataLicence) ?? OpenLicence.Default;
        var description = network.Description is { Length: > 0 } about ? about + "\n\n" : "";
        description += "Published results of the MEGA city benchmark: each city's latest published round, its organisations' answers and their scores. Organisations only: no person is named.";
        if (network.OpenDataCitation is { Length: > 0 } citation)
        {
            description += "\n\nCite as: " + citation;
        }

        var package = new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = Name(network),
            ["title"] = $"{network.Name}: benchmark results, release {number}",
            ["description"] = description,
            ["version"] = $"{number}.0.0",
            ["created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["licenses"] = new JsonArray(new JsonObject { ["name"] = licence.Id, ["path"] = licence.Url.ToString(), ["title"] = licence.Title }),
            ["citation"] = network.OpenDataCitation,
            ["resources"] = new JsonArray([.. Resources.Select(resource =>
            {
                var file = files.Single(f => f.Name == resource.FileName);
                return (JsonNode)new JsonObject
                {
                    ["name"] = resource.Name,
                    ["path"] = resource.FileName,
                    ["profile"] = "tabular-data-resource",
                    ["title"] = resource.Title,
                    ["description"] = resource.Description,
                    ["format"] = "csv",
                    ["mediatype"] = "text/csv",
                    ["encoding"] = "utf-8",
                    ["bytes"] = file.Content.Length,
                    ["hash"] = "sha256:" + file.Sha256,
                    ["schema"] = Schema(resource),
                };
            })]),
        };
        if (network.OpenDataCitation is null)
        {
            package.Remove("citation");
        }

        var json = package.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return System.Text.Encoding.UTF8.GetBytes(json.ReplaceLineEndings("\n") + "\n");
    }

    private static JsonObject Schema(Resource resource)
    {
        var schema = new JsonObject
        {
            ["fields"] = new JsonArray([.. resource.Fields.Select(field =>
            {
                var node = new JsonObject { ["name"] = field.Name, ["type"] = field.Type, ["description"] = field.Description };
                if (field.Required || field.Enum is not null)
                {
                    var constraints = new JsonObject();
                    if (field.Required)
                    {
                        constraints["required"] = true;
                    }

                    if (field.Enum is { } values)
                    {
                        constraints["enum"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
                    }

                    node["constraints"] = constraints;
                }

                return (JsonNode)node;
            })]),
            ["primaryKey"] = new JsonArray([.. resource.PrimaryKey.Select(k => (JsonNode)JsonValue.Create(k))]),
        };
        if (resource.ForeignKeys.Count > 0)
        {
            schema["foreignKeys"] = new JsonArray([.. resource.ForeignKeys.Select(k => (JsonNode)new JsonObject
            {
                ["fields"] = k.Field,
                ["reference"] = new JsonObject { ["resource"] = k.Resource, ["fields"] = k.ReferenceField },
            })]);
        }

        return schema;
    }

    private static string?[] Counts(Tally tally) => [Text(tally.Yes), Text(tally.No), Text(tally.NotDetermined), Text(tally.Unanswered)];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";

    private static async IAsyncEnumerable<IReadOnlyList<string?>> ToAsync(IEnumerable<string?[]> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
