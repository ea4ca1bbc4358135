using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using MegaBench.Answers;
using MegaBench.Networks;
using MegaBench.OpenData;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.OpenData;

/// <summary>
/// The open data's package: every CSV matches the Table Schema its descriptor states, only published rounds go in,
/// no person is named, and a release never changes once published.
/// </summary>
public sealed class OpenDataPackageTests
{
    private const string PersonName = "Jeanne Personne";
    private const string PersonEmail = "jeanne.personne@example.org";

    [Fact]
    public async Task Every_resource_matches_its_table_schema()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await WorldAsync(database);
        await using var db = database.NewContext();

        var release = await OpenDataReleases.PublishAsync(db, world.NetworkId, Ct);

        Assert.NotNull(release);
        Assert.Equal(1, release.Number);
        Assert.Equal(2, release.Rounds);
        var files = release.Files.ToDictionary(f => f.Name, f => f.Content, StringComparer.Ordinal);
        using var descriptor = JsonDocument.Parse(files[OpenDataPackage.DescriptorName]);
        var root = descriptor.RootElement;
        Assert.Equal("tabular-data-package", root.GetProperty("profile").GetString());
        Assert.Equal("megabench-nord-est", root.GetProperty("name").GetString());
        Assert.Equal("CC-BY-4.0", root.GetProperty("licenses")[0].GetProperty("name").GetString());
        Assert.Equal("1.0.0", root.GetProperty("version").GetString());
        var tables = new Dictionary<string, (string[] Header, List<string[]> Rows)>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var resource in root.GetProperty("resources").EnumerateArray())
        {
            var name = resource.GetProperty("name").GetString()!;
            var content = files[resource.GetProperty("path").GetString()!];
            Assert.Equal(content.Length, resource.GetProperty("bytes").GetInt32());
            Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), resource.GetProperty("hash").GetString());
            var (header, rows) = ReadCsv(content);
            tables[name] = (header, rows);
            var fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().ToList();
            Assert.Equal(fields.Select(f => f.GetProperty("name").GetString()), header);
            foreach (var row in rows)
            {
                Assert.Equal(header.Length, row.Length);
                for (var i = 0; i < fields.Count; i++)
                {
                    if (Problem(fields[i], row[i]) is { } problem)
                    {
                        problems.Add($"{name}.{header[i]} = \"{row[i]}\": {problem}");
                    }
                }
            }

            var schema = resource.GetProperty("schema");
            var key = schema.GetProperty("primaryKey").EnumerateArray().Select(k => Array.IndexOf(header, k.GetString())).ToList();
            Assert.DoesNotContain(-1, key);
            var keys = rows.Select(r => string.Join("\u001f", key.Select(k => r[k]))).ToList();
            Assert.True(keys.Count == keys.Distinct(StringComparer.Ordinal).Count(), $"{name}: a primary key is repeated");
        }

        Assert.Empty(problems);
        foreach (var resource in root.GetProperty("resources").EnumerateArray())
        {
            if (!resource.GetProperty("schema").TryGetProperty("foreignKeys", out var foreignKeys))
            {
                continue;
            }

            var (header, rows) = tables[resource.GetProperty("name").GetString()!];
            foreach (var foreignKey in foreignKeys.EnumerateArray())
            {
                var field = Array.IndexOf(header, foreignKey.GetProperty("fields").GetString());
                var reference = foreignKey.GetProperty("reference");
                var target = tables[reference.GetProperty("resource").GetString()!];
                var targetField = Array.IndexOf(target.Header, reference.GetProperty("fields").GetString());
                var known = target.Rows.Select(r => r[targetField]).ToHashSet(StringComparer.Ordinal);
                Assert.All(rows, row => Assert.Contains(row[field], known));
            }
        }

        // Only each city's latest published round: Aville's 2024 (not its open 2025 one) and Bville's 2023.
        Assert.Equal(["2024", "2023"], tables["rounds"].Rows.Select(r => r[2]));
        Assert.DoesNotContain(tables["organisations"].Rows, r => r[4].Contains("open round", StringComparison.Ordinal));
        // Every statement of an organisation's group is a row, answered or not; the comment is kept.
        Assert.Equal(6, tables["answers"].Rows.Count(r => r[0] == "1"));
        Assert.Contains(tables["answers"].Rows, r => r[3] == "Measured every year" && r[2] == "yes");
        Assert.Contains(tables["answers"].Rows, r => r[3] == "'=1+1");
    }

    /// <summary>
    /// The descriptor against the Tabular Data Package JSON Schema shipped with the tests (written from the v1
    /// specifications: profiles, names, paths, licences, Table Schema fields, types, keys); and the same schema refuses a
    /// descriptor with a resource lacking its profile and a field of an unknown type, so this test can fail.
    /// </summary>
    [Fact]
    public async Task Descriptor_is_valid_against_the_data_package_json_schema()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await WorldAsync(database);
        await using var db = database.NewContext();
        var release = await OpenDataReleases.PublishAsync(db, world.NetworkId, Ct);
        var schema = Json.Schema.JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "OpenData", "tabular-data-package.schema.json"));
        var options = new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List, RequireFormatValidation = true };
        var descriptor = System.Text.Json.Nodes.JsonNode.Parse(release!.Files.Single(f => f.Name == OpenDataPackage.DescriptorName).Content)!;

        var results = schema.Evaluate(JsonSerializer.SerializeToElement(descriptor), options);

        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        var noProfile = descriptor.DeepClone();
        noProfile["resources"]![0]!.AsObject().Remove("profile");
        Assert.False(schema.Evaluate(JsonSerializer.SerializeToElement(noProfile), options).IsValid);
        var unknownType = descriptor.DeepClone();
        unknownType["resources"]![1]!["schema"]!["fields"]![0]!["type"] = "text";
        Assert.False(schema.Evaluate(JsonSerializer.SerializeToElement(unknownType), options).IsValid);
        var upperCaseName = descriptor.DeepClone();
        upperCaseName["name"] = "MegaBench Nord-Est";
        Assert.False(schema.Evaluate(JsonSerializer.SerializeToElement(upperCaseName), options).IsValid);
    }

    [Fact]
    public async Task No_personal_data_is_in_any_file_of_the_package()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await WorldAsync(database);
        await using (var plant = database.NewContext())
        {
            foreach (var organisation in await plant.Organisations.Include(o => o.Answers).ToListAsync(Ct))
            {
                organisation.ContactEmail = PersonEmail;
                organisation.SubmittedBy = PersonName;
                organisation.SubmittedAt = DateTimeOffset.UnixEpoch;
                organisation.ValidatedBy = PersonEmail;
                organisation.ValidatedAt = DateTimeOffset.UnixEpoch;
                organisation.ValidationOverride = $"Given on paper to {PersonName}";
                foreach (var answer in organisation.Answers)
                {
                    answer.UpdatedBy = $"{PersonName} <{PersonEmail}>";
                }
            }

            await plant.SaveChangesAsync(Ct);
        }

        await using var db = database.NewContext();
        db.ActorProvider = () => new MegaBench.Audit.AuditActor(null, PersonName);
        var release = await OpenDataReleases.PublishAsync(db, world.NetworkId, Ct);

        Assert.NotNull(release);
        Assert.All(release.Files, file =>
        {
            var text = Encoding.UTF8.GetString(file.Content);
            Assert.DoesNotContain("Jeanne", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Personne", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("example.org", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("paper", text, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task A_release_keeps_its_files_when_a_round_changes_later()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await WorldAsync(database);
        await using var db = database.NewContext();
        var first = await OpenDataReleases.PublishAsync(db, world.NetworkId, Ct);
        var before = first!.Files.ToDictionary(f => f.Name, f => f.Content, StringComparer.Ordinal);

        await using (var change = database.NewContext())
        {
            var answer = await change.Answers.SingleAsync(a => a.Comment == "Measured every year" && a.Organisation!.Round!.Year == 2024, Ct);
            answer.Comment = "Measured every month";
            var network = await change.Networks.SingleAsync(n => n.Id == world.NetworkId, Ct);
            network.OpenDataLicence = "CC0-1.0";
            network.OpenDataCitation = "Nord-Est network (2025), benchmark results.";
            await change.SaveChangesAsync(Ct);
        }

        await using var later = database.NewContext();
        var second = await OpenDataReleases.PublishAsync(later, world.NetworkId, Ct);

        Assert.Equal(2, second!.Number);
        foreach (var (name, content) in before)
        {
            var stored = await OpenDataReleases.FileAsync(later, world.NetworkId, 1, name, Ct);
            Assert.Equal(content, stored!.Content);
        }

        var answers = Encoding.UTF8.GetString((await OpenDataReleases.FileAsync(later, world.NetworkId, 2, "answers.csv", Ct))!.Content);
        Assert.Contains("Measured every month", answers, StringComparison.Ordinal);
        Assert.DoesNotContain("Measured every month", Encoding.UTF8.GetString(before["answers.csv"]), StringComparison.Ordinal);
        var descriptor = Encoding.UTF8.GetString((await OpenDataReleases.FileAsync(later, world.NetworkId, 2, OpenDataPackage.DescriptorName, Ct))!.Content);
        Assert.Contains("\"CC0-1.0\"", descriptor, StringComparison.Ordinal);
        Assert.Contains("Nord-Est network (2025), benchmark results.", descriptor, StringComparison.Ordinal);
        var releases = await OpenDataReleases.ListAsync(later, world.NetworkId, Ct);
        Assert.Equal([2, 1], releases.Select(r => r.Number));
        Assert.Equal(["CC0-1.0", "CC-BY-4.0"], releases.Select(r => r.Licence.Id));
        Assert.Contains(await later.AuditEntries.Select(e => e.EntityType).ToListAsync(Ct), t => t == nameof(OpenDataRelease));
    }

    [Fact]
    public async Task A_network_without_a_published_round_has_nothing_to_publish()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new RoundBuilder().Minimal().BuildAsync(database);
        await using var db = database.NewContext();

        Assert.Null(await OpenDataReleases.PublishAsync(db, built.NetworkId, Ct));
        Assert.Empty(await db.OpenDataReleases.ToListAsync(Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Null when <paramref name="value"/> is a valid value of the Table Schema field; else what is wrong.</summary>
    internal static string? Problem(JsonElement field, string value)
    {
        var required = field.TryGetProperty("constraints", out var constraints) && constraints.TryGetProperty("required", out var r) && r.GetBoolean();
        if (value.Length == 0)
        {
            return required ? "required but empty" : null;
        }

        if (constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty("enum", out var values)
            && !values.EnumerateArray().Any(v => v.GetString() == value))
        {
            return "not one of the enum";
        }

        return field.GetProperty("type").GetString() switch
        {
            "string" => null,
            "integer" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : "not an integer",
            "number" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "not a number",
            "boolean" => value is "true" or "false" ? null : "not a boolean",
            var type => $"unexpected type {type}",
        };
    }

    internal static (string[] Header, List<string[]> Rows) ReadCsv(byte[] content)
    {
        using var reader = new CsvReader(new StreamReader(new MemoryStream(content), Encoding.UTF8), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var header = reader.HeaderRecord!;
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!)]);
        }

        return (header, rows);
    }

    /// <summary>
    /// Network "Nord-Est": Aville with a published 2024 round (two organisations, one with a formula-like comment)
    /// and an open 2025 round; Bville with a published 2023 round. The ids of what a test addresses.
    /// </summary>
    internal static async Task<(int NetworkId, int AvilleId)> WorldAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var stored = await MegaBench.Frameworks.FrameworkStore.RegisterAsync(db, new FrameworkBuilder().Build(), cancellationToken: Ct);
        var network = new Network { Name = "Nord-Est", Description = "Villes du nord-est." };
        var aville = new City { Name = "Aville", Country = "France", Network = network };
        var bville = new City { Name = "Bville", Country = "Belgique", Network = network };
        Round RoundOf(City city, int year, RoundStatus status, string organisation)
        {
            var round = new Round { City = city, Year = year, StoredFrameworkId = stored.Id, Status = status };
            var chamber = new Organisation { Name = organisation, GroupCode = "AAA", Kind = "chamber", Website = "https://chamber.example.net", Notes = "Answered in a workshop", Position = 1 };
            chamber.Answers.Add(new Answer { IndicatorCode = "AAA-1.01", Value = AnswerValue.Yes, Comment = "Measured every year", Evidence = "https://chamber.example.net/report" });
            chamber.Answers.Add(new Answer { IndicatorCode = "AAA-1.02", Value = AnswerValue.No, Comment = "=1+1", CoordinatorNote = "Not supported by further detailed information" });
            chamber.Answers.Add(new Answer { IndicatorCode = "AAA-2.01", Value = AnswerValue.NotDetermined });
            round.Organisations.Add(chamber);
            round.Organisations.Add(new Organisation { Name = organisation + " association", GroupCode = "BBB", Kind = "migrant-association", Position = 2 });
            db.Rounds.Add(round);
            return round;
        }

        RoundOf(aville, 2024, RoundStatus.Published, "Aville chamber");
        RoundOf(aville, 2025, RoundStatus.Open, "Aville open round chamber");
        RoundOf(bville, 2023, RoundStatus.Published, "Bville chamber");
        await db.SaveChangesAsync(Ct);
        return (network.Id, aville.Id);
    }
}
