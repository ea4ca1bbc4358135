using System.Text.Json.Nodes;
using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Rounds;

public sealed class RoundImportValidationTests
{
    private const string NothingWritten = "frameworks 0, networks 0, cities 0, rounds 0, organisations 0, answers 0, narrative 0";

    /// <summary>A valid export of the rich test round, made in a database of its own.</summary>
    private static async Task<JsonObject> ValidFileAsync()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var db = source.NewContext();
        var round = await RoundBuilder.Rich().SaveAsync(db);
        return RoundFiles.Edit(await RoundFiles.ExportAsync(db, round.Id));
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_its_line_and_position_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        const string file = "{\n  \"format\": \"megabench-round\",\n  \"formatVersion\": 1,\n  \"network\": { \"name\": \"N\" ,, }\n}\n";

        var error = await RoundFiles.ImportFailsAsync(db, file);

        Assert.Contains("Line 4, position", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        Assert.Equal(NothingWritten, await RoundFiles.CountRowsAsync(db));
    }

    [Fact]
    public async Task Property_given_twice_is_rejected_with_its_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        const string file = "{\n  \"format\": \"megabench-round\",\n  \"formatVersion\": 1,\n  \"format\": \"megabench-round\"\n}\n";

        var error = await RoundFiles.ImportFailsAsync(db, file);

        Assert.Contains("Line 4, position 30, at $.format: Duplicate property 'format'", error.Message, StringComparison.Ordinal);
        Assert.Equal(NothingWritten, await RoundFiles.CountRowsAsync(db));
    }

    [Fact]
    public async Task Truncated_file_is_rejected_as_invalid_json()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var valid = (await ValidFileAsync()).ToJsonString();

        var error = await RoundFiles.ImportFailsAsync(db, valid[..(valid.Length / 2)]);

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(NothingWritten, await RoundFiles.CountRowsAsync(db));
    }

    [Fact]
    public async Task Value_of_the_wrong_type_is_rejected_with_its_line_and_path()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        file["round"]!["year"] = "two thousand";

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString(new() { WriteIndented = true }));

        Assert.Contains("$.round.year", error.Message, StringComparison.Ordinal);
        Assert.Contains("Line ", error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong type", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("something-else", 1, "not \"megabench-round\"")]
    [InlineData(null, 1, "\"format\" is missing")]
    [InlineData("megabench-round", 2, "reads version 1 only")]
    public async Task File_of_another_format_or_version_is_rejected(string? format, int version, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        file["format"] = format;
        file["formatVersion"] = version;

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Single(error.Problems);
    }

    [Fact]
    public async Task Every_problem_of_the_file_is_reported_at_once_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        file["city"]!.AsObject().Remove("country");
        file["round"]!["status"] = "finished";
        file["round"]!["createdAt"] = "2018-03-01 10:00";
        file["colour"] = "blue";
        var organisations = file["organisations"]!.AsArray();
        organisations[0]!["group"] = "XYZ";
        organisations[1]!["kind"] = "ministry";
        organisations[2]!["name"] = (string?)organisations[1]!["name"];
        var answers = organisations[3]!["answers"]!.AsArray();
        answers[0]!["indicator"] = "BBB-9.99";
        answers[1]!["indicator"] = "AAA-1.01";
        answers[2]!["value"] = "maybe";
        answers[3]!["comnent"] = "typo";
        answers[4]!["version"] = 0;
        var others = organisations[4]!["answers"]!.AsArray();
        others.Add(others[0]!.DeepClone());
        file["narrative"]!.AsArray().Add(new JsonObject { ["kind"] = "epilogue", ["markdown"] = "x" });

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString());

        string[] expected =
        [
            "city.country is missing",
            "round.status \"finished\" is not one of open, closed, published",
            "round.createdAt \"2018-03-01 10:00\" is not a time with its offset",
            "the file has the unknown property \"colour\"",
            "group \"XYZ\" is not a group of framework test-fw 1.0; use one of AAA, BBB",
            "kind: 'ministry' is not a kind of organisation of framework test-fw; use one of city, department, region",
            "organisations[1] has the same name",
            "\"BBB-9.99\" is not an indicator of framework test-fw 1.0",
            "AAA-1.01 is a statement for group AAA, but the organisation is in group BBB",
            "value \"maybe\" is not one of unanswered, yes, no, not-determined",
            "unknown property \"comnent\"",
            "version is 0; versions start at 1",
            "an organisation answers each indicator once",
            "narrative[7].kind \"epilogue\" is not one of national-context",
        ];
        foreach (var problem in expected)
        {
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(expected.Length, error.Problems.Count);
        Assert.StartsWith($"The round file cannot be imported; nothing was written. Fix these {expected.Length} problems", error.Message, StringComparison.Ordinal);
        Assert.Equal(NothingWritten, await RoundFiles.CountRowsAsync(db));
    }

    [Fact]
    public async Task Each_problem_gives_the_line_of_the_file_it_is_about()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        string text;
        await using (var source = await TestDatabase.CreateAsync())
        await using (var sourceDb = source.NewContext())
        {
            text = System.Text.Encoding.UTF8.GetString(await RoundFiles.ExportAsync(sourceDb, (await RoundBuilder.Rich().SaveAsync(sourceDb)).Id));
        }

        var lines = text.Split('\n').ToList();
        var countryIndex = lines.FindIndex(l => l.Contains("\"country\":", StringComparison.Ordinal));
        lines.RemoveAt(countryIndex);
        lines[countryIndex - 1] = lines[countryIndex - 1].TrimEnd(',');
        var valueIndex = lines.FindIndex(l => l.Contains("\"value\": \"yes\"", StringComparison.Ordinal));
        lines[valueIndex] = lines[valueIndex].Replace("\"yes\"", "\"maybe\"", StringComparison.Ordinal);

        var error = await RoundFiles.ImportFailsAsync(db, string.Join('\n', lines));

        // Lines count from 1; a missing field is reported at the line of its object ("city": {, above "name").
        var cityLine = lines.FindIndex(l => l.Contains("\"city\": {", StringComparison.Ordinal)) + 1;
        Assert.Equal(countryIndex - 1, cityLine);
        Assert.Contains($"Line {cityLine}: city.country is missing.", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith($"Line {valueIndex + 1}: organisations[0]", StringComparison.Ordinal)
                                            && p.Contains(".value \"maybe\" is not one of", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_required_fields_are_each_named()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        file["network"]!.AsObject().Remove("name");
        file["round"]!.AsObject().Remove("year");
        var organisation = file["organisations"]![0]!.AsObject();
        organisation.Remove("position");
        organisation["answers"]![0]!.AsObject().Remove("value");
        file["narrative"]![0]!.AsObject().Remove("markdown");

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString());

        Assert.Contains("network.name is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("round.year is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(".position is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(".answers[0] (AAA-1.01).value is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("narrative[0].markdown is missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Problems.Count);
    }

    [Fact]
    public async Task Framework_definition_changed_after_export_is_rejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        var indicators = file["framework"]!["definition"]!["indicators"]!.AsArray();
        indicators[0]!["text"] = "A statement quietly reworded.";

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString());

        Assert.Contains("framework.contentHash", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not match the definition", error.Message, StringComparison.Ordinal);
        Assert.Equal(NothingWritten, await RoundFiles.CountRowsAsync(db));
    }

    [Fact]
    public async Task Framework_definition_that_is_not_a_framework_is_rejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        file["framework"]!["definition"] = new JsonObject { ["id"] = "test-fw" };

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString());

        Assert.Contains("framework.definition is not a valid framework definition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_framework_version_with_other_content_is_a_conflict()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        var other = new FrameworkBuilder().WithIndicatorsPerStage(3).Build();
        await FrameworkStore.RegisterAsync(db, other, cancellationToken: TestContext.Current.CancellationToken);

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString());

        Assert.Contains("already holds framework test-fw version 1.0 with different content", error.Message, StringComparison.Ordinal);
        Assert.Equal(NothingWritten.Replace("frameworks 0", "frameworks 1", StringComparison.Ordinal), await RoundFiles.CountRowsAsync(db));
    }

    [Fact]
    public async Task Round_of_the_same_city_and_year_is_not_imported_twice()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = (await ValidFileAsync()).ToJsonString();
        await RoundFiles.ImportAsync(db, file);
        var before = await RoundFiles.CountRowsAsync(db);

        var error = await RoundFiles.ImportFailsAsync(db, file);

        Assert.Contains("already has a round for 2018", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RoundFiles.CountRowsAsync(db));
    }

    [Fact]
    public async Task City_known_with_another_country_is_reported()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        await RoundFiles.ImportAsync(db, file.ToJsonString());
        file["round"]!["year"] = 2019;
        file["city"]!["country"] = "Elsewhere";

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString());

        Assert.Contains("already in this database with the country \"Ατλαντίδα\", but the file says \"Elsewhere\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Texts_longer_than_the_forms_allow_are_refused_all_at_once_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var file = await ValidFileAsync();
        var organisation = file["organisations"]![0]!.AsObject();
        organisation["notes"] = new string('n', MegaBench.Rounds.TextLimits.OrganisationNotes + 1);
        organisation["website"] = "https://example.org/" + new string('w', MegaBench.Rounds.TextLimits.Website);
        var answer = organisation["answers"]![0]!.AsObject();
        answer["comment"] = new string('c', MegaBench.Rounds.TextLimits.AnswerComment + 1);
        answer["evidence"] = new string('e', MegaBench.Rounds.TextLimits.AnswerEvidence + 1);
        answer["coordinatorNote"] = new string('k', MegaBench.Rounds.TextLimits.CoordinatorNote + 1);
        file["narrative"]![0]!["markdown"] = new string('m', MegaBench.Rounds.TextLimits.Narrative + 1);

        var error = await RoundFiles.ImportFailsAsync(db, file.ToJsonString());

        foreach (var field in new[] { "notes", "website", "comment", "evidence", "coordinatorNote", "markdown" })
        {
            Assert.Contains($".{field} is ", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("as in the form", error.Message, StringComparison.Ordinal);
        Assert.Equal(NothingWritten, await RoundFiles.CountRowsAsync(db));
    }
}
