using System.Text;
using System.Text.Json.Nodes;
using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Learning;

/// <summary>The learning cycle's file: lossless JSON (import then export gives the same bytes), checked whole before writing, and its CSV.</summary>
public sealed class CycleFileTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

    /// <summary>Aville's review with something in every part: a thread, evidence (a link and a file tied to the topic), a meeting, an action with a note.</summary>
    private static async Task<BuiltCycle> FilledCycleAsync(TestDatabase database)
    {
        var built = await new CycleBuilder().PublishedForAville().BuildAsync(database);
        await using var db = database.NewContext();
        var review = await db.PeerReviews.SingleAsync(r => r.Id == built.ReviewOfA, Ct);
        review.Briefing = "## What we want to learn\n\nHow to reach founders — “vite” & <b>bien</b>.";
        review.DeskReviewDoneAt = new DateTimeOffset(2025, 1, 20, 9, 30, 0, TimeSpan.Zero);
        review.VisitStart = new DateOnly(2025, 3, 3);
        review.VisitEnd = new DateOnly(2025, 3, 4);
        review.VisitPlace = "Town hall";
        review.Feedback = "## Recommendations\n\n- Open a desk.";
        review.FeedbackSubmittedAt = new DateTimeOffset(2025, 4, 2, 8, 0, 0, TimeSpan.Zero);
        var topic = new ReviewTopic { ThemeCode = built.Framework.Themes[0].Code, Title = "Data", FromMatching = true, Position = 1 };
        topic.Messages.Add(new ReviewMessage { Side = ReviewSide.Reviewer, Text = "Who collects the data?", CreatedAt = new DateTimeOffset(2025, 1, 5, 9, 0, 0, TimeSpan.Zero) });
        topic.Messages.Add(new ReviewMessage { Side = ReviewSide.Host, Text = "Nobody yet.", CreatedAt = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero) });
        review.Topics.Add(topic);
        review.Topics.Add(new ReviewTopic { IndicatorCode = "AAA-1.01", Title = "A statement", Position = 2 });
        review.Evidence.Add(new ReviewEvidence { Side = ReviewSide.Host, Title = "Yearly report", Url = "https://example.org/report", CreatedAt = new DateTimeOffset(2025, 1, 7, 9, 0, 0, TimeSpan.Zero) });
        review.Meetings.Add(new VisitMeeting
        {
            Date = new DateOnly(2025, 3, 3), Start = new TimeOnly(9, 30), End = new TimeOnly(11, 0), OrganisationId = built.OrganisationsOfA["A chamber"],
            Themes = built.Framework.Themes[0].Code, Participants = "Director", Notes = "They *measure* nothing yet.",
        });
        review.Meetings.Add(new VisitMeeting { Date = new DateOnly(2025, 3, 4), Start = new TimeOnly(14, 0), End = new TimeOnly(15, 0), OrganisationName = "A bank", Participants = "Adviser" });
        var action = new ReviewAction
        {
            Title = "=HYPERLINK(\"http://evil.example\",\"Open a desk\")", Statements = "AAA-1.01 AAA-1.02", Themes = built.Framework.Themes[0].Code,
            OrganisationId = built.OrganisationsOfA["A chamber"], Deadline = new DateOnly(2025, 12, 31), Status = ActionStatus.InProgress,
            CreatedAt = new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero),
        };
        action.Notes.Add(new ActionProgressNote { Date = new DateOnly(2025, 6, 1), Text = "Budget voted.", CreatedAt = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero) });
        review.Actions.Add(action);
        await db.SaveChangesAsync(Ct);

        // A file tied to the first topic, added once the topic has its id.
        db.ReviewEvidence.Add(new ReviewEvidence { ReviewId = review.Id, TopicId = topic.Id, Side = ReviewSide.Reviewer, Title = "Survey", FileName = "survey.pdf", ContentType = "application/pdf", Size = Pdf.Length, Content = Pdf, CreatedAt = new DateTimeOffset(2025, 1, 8, 9, 0, 0, TimeSpan.Zero) });
        await db.SaveChangesAsync(Ct);
        return built;
    }

    [Fact]
    public async Task Export_import_export_gives_the_same_bytes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await FilledCycleAsync(database);
        byte[] first;
        await using (var db = database.NewContext())
        {
            first = await CycleFile.ExportJsonAsync(db, built.CycleId, Ct);
        }

        // Another database with the same network, cities and rounds, and a cycle of another name.
        await using var other = await TestDatabase.CreateAsync();
        var target = await new CycleBuilder().Named("Another cycle").BuildAsync(other);
        int imported;
        await using (var db = other.NewContext())
        {
            imported = (await CycleFile.ImportAsync(db, target.NetworkId, first, Ct)).Id;
        }

        await using (var db = other.NewContext())
        {
            var second = await CycleFile.ExportJsonAsync(db, imported, Ct);
            Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
            Assert.Equal(first, second);
        }

        var text = Encoding.UTF8.GetString(first);
        Assert.Contains("\"format\": \"megabench-cycle\"", text, StringComparison.Ordinal);
        Assert.Contains("\"organisation\": \"A chamber\"", text, StringComparison.Ordinal);
        Assert.Contains("\"topic\": 0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_does_not_fit_the_network_is_refused_whole_naming_every_problem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await FilledCycleAsync(database);
        JsonObject file;
        await using (var db = database.NewContext())
        {
            file = JsonNode.Parse(await CycleFile.ExportJsonAsync(db, built.CycleId, Ct))!.AsObject();
        }

        var reviews = file["cycle"]!["reviews"]!.AsArray();
        var aville = reviews.Single(r => r!["host"]!.GetValue<string>() == "Aville")!;
        aville["actions"]![0]!["statements"]![0] = "ZZZ-9.99";
        aville["actions"]![0]!["organisation"] = "No such organisation";
        aville["actions"]![0]!["status"] = "finished";
        reviews.Single(r => r!["host"]!.GetValue<string>() == "Bville")!["host"] = "Cville";

        await using var target = database.NewContext();
        var error = await Assert.ThrowsAsync<CycleFileException>(() => CycleFile.ImportAsync(target, built.NetworkId, Encoding.UTF8.GetBytes(file.ToJsonString()), Ct));

        Assert.Contains(error.Problems, p => p.Contains("\"ZZZ-9.99\" is not a statement", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("no organisation \"No such organisation\"", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("\"finished\"", StringComparison.Ordinal) && p.Contains("in-progress", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("no city \"Cville\"", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("already has a cycle named", StringComparison.Ordinal));
        Assert.Equal(1, await target.LearningCycles.CountAsync(Ct));
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("""{"format": "megabench-round", "formatVersion": 1}""", "megabench-cycle")]
    [InlineData("""{"format": "megabench-cycle", "formatVersion": 7}""", "version 7")]
    public async Task A_file_that_is_not_a_cycle_file_is_refused_with_what_to_do(string content, string said)
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<CycleFileException>(() => CycleFile.ImportAsync(db, built.NetworkId, Encoding.UTF8.GetBytes(content), Ct));

        Assert.Contains(said, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.LearningCycles.CountAsync(Ct));
    }

    [Fact]
    public async Task The_csv_has_a_row_per_action_and_neutralises_formulas()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await FilledCycleAsync(database);
        await using var db = database.NewContext();
        using var output = new MemoryStream();

        await CycleFile.ExportCsvAsync(db, built.CycleId, output, Ct);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("cycle,group,host,host_round,reviewer,stage", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length); // the header, Aville's action, Bville's review without action
        Assert.Contains("\"'=HYPERLINK", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"AAA-1.01 AAA-1.02\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"in-progress\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"Budget voted.\"", lines[1], StringComparison.Ordinal);
    }
}
