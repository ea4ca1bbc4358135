using AngleSharp.Dom;
using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Rounds;

/// <summary>A new round from the previous one: organisations copied, answers optionally carried over and marked until confirmed (issue 13, part 3).</summary>
public sealed class RoundFromPreviousTests
{
    private static string Text(IElement element) => string.Join(" ", element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A 2024 round on framework 1.0 (groups AAA and BBB, two statements per stage), and version 2.0 stored: group AAA only, three statements per stage.</summary>
    internal static async Task<(BuiltRound Round, int Version2)> BuildAsync(TestDatabase database)
    {
        var round = await new RoundBuilder()
            .InYear(2024)
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", "Runs the one-stop shop", new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: "Since 2019"), new AnswerSpec("AAA-1.02", AnswerValue.No))
            .WithOrganisation("Gamma", "BBB", null, new AnswerSpec("BBB-1.01", AnswerValue.Yes))
            .BuildAsync(database);
        await using var db = database.NewContext();
        var alpha = await db.Organisations.SingleAsync(o => o.Id == round.Organisations["Alpha"], Ct);
        alpha.Website = "https://alpha.example.org";
        alpha.ContactEmail = "alpha@example.org";
        alpha.Kind = "chamber";
        await db.SaveChangesAsync(Ct);
        var version2 = await FrameworkStore.RegisterAsync(db, new FrameworkBuilder().WithId("test-fw", "2.0").WithGroups("AAA").WithIndicatorsPerStage(3).Build(), cancellationToken: Ct);
        return (round, version2.Id);
    }

    [Fact]
    public async Task A_round_started_from_the_last_copies_its_organisations_and_carries_answers_by_code()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (round, version2) = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var form = await client.GetDocumentAsync($"/cities/{round.CityId}/rounds/new?year=2026");
        Assert.Equal($"{round.RoundId}", form.QuerySelector("#Input_PreviousRoundId option[selected]")!.GetAttribute("value"));
        Assert.Equal("2026", form.QuerySelector("#Input_Year")!.GetAttribute("value"));
        var added = await client.FollowAsync(await client.SubmitAsync(HtmlForms.FindForm(form), new Dictionary<string, string?>
        {
            ["Input.FrameworkId"] = $"{version2}",
            ["Input.CopyAnswers"] = "true",
        }));

        Assert.Equal("The 2026 round of Testville was added with the 1 organisations of 2024 and 2 of their answers, marked “carried over from 2024” until each organisation confirms or changes them. Left out, because the framework version has no more their group: Gamma.",
            Text(added.QuerySelector(".notice")!));
        await using var db = database.NewContext();
        var copied = await db.Organisations.Include(o => o.Answers).SingleAsync(o => o.Round!.Year == 2026, Ct);
        Assert.Equal(("Alpha", "AAA", "chamber", "https://alpha.example.org", "alpha@example.org", "Runs the one-stop shop"),
            (copied.Name, copied.GroupCode, copied.Kind, copied.Website, copied.ContactEmail, copied.Notes));
        Assert.Equal(
            [("AAA-1.01", AnswerValue.Yes, "Since 2019", (int?)2024), ("AAA-1.02", AnswerValue.No, null, 2024)],
            copied.Answers.OrderBy(a => a.IndicatorCode, StringComparer.Ordinal).Select(a => (a.IndicatorCode, a.Value, a.Comment, a.CarriedOverFrom)));
        Assert.Null(copied.SubmittedAt);

        // The sheet and the profile say the answers are carried over; AAA-1.03, new in 2.0, starts unanswered.
        var newRound = copied.RoundId;
        var sheet = await client.GetDocumentAsync($"/rounds/{newRound}/sheets/AAA");
        Assert.StartsWith("2 answers on this sheet (marked ↻) are carried over from the 2024 round", Text(sheet.QuerySelector(".carried-notice")!), StringComparison.Ordinal);
        Assert.Equal(2, sheet.QuerySelectorAll("td.answer .carried").Length);
        var profile = await client.GetDocumentAsync($"/rounds/{newRound}/profile");
        Assert.Equal("The scores include 2 answers carried over from the 2024 round and not yet confirmed by their organisations.", Text(profile.QuerySelector(".carried-notice")!));
    }

    [Fact]
    public async Task Starting_from_nothing_copies_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (round, _) = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        await client.SubmitFormAsync($"/cities/{round.CityId}/rounds/new", new Dictionary<string, string?> { ["Input.Year"] = "2026", ["Input.PreviousRoundId"] = "" });

        await using var db = database.NewContext();
        Assert.False(await db.Organisations.AnyAsync(o => o.Round!.Year == 2026, Ct));
        Assert.True(await db.Rounds.AnyAsync(r => r.Year == 2026, Ct));
    }

    [Fact]
    public async Task A_round_of_another_city_cannot_be_the_start()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (round, _) = await BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other").ForCity("Elsewhere").WithOrganisation("Stranger", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var response = await client.SubmitFormAsync($"/cities/{round.CityId}/rounds/new", new Dictionary<string, string?> { ["Input.Year"] = "2026", ["Input.PreviousRoundId"] = $"{other.RoundId}" });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal("This round is not one of Testville's. Choose one from the list, or start from nothing.", page.FieldError("Input_PreviousRoundId"));
        await using var db = database.NewContext();
        Assert.False(await db.Rounds.AnyAsync(r => r.CityId == round.CityId && r.Year == 2026, Ct));
    }

    [Fact]
    public async Task A_carried_answer_keeps_its_mark_until_the_organisation_confirms_or_changes_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (round, version2) = await BuildAsync(database);
        int organisationId;
        await using (var db = database.NewContext())
        {
            var next = new Round { CityId = round.CityId, Year = 2026, StoredFrameworkId = version2, CreatedAt = DateTimeOffset.UnixEpoch };
            db.Rounds.Add(next);
            await RoundSuccession.CarryAsync(db, next, round.RoundId, withAnswers: true, Ct);
            organisationId = next.Organisations.Single().Id;
        }

        await using (var db = database.NewContext())
        {
            var (_, token) = await Questionnaire.IssueInvitationAsync(db, organisationId, DateTimeOffset.UtcNow.AddDays(10), "test", Ct);
            var target = (await Questionnaire.ResolveAsync(db, token, Ct))!;
            // Saving the same answer confirms it: the mark goes, the version moves on.
            var confirmed = Assert.IsType<AnswerSaveResult.Saved>(await Questionnaire.SaveAnswerAsync(db, target.Target, "AAA-1.01", AnswerValue.Yes, "Since 2019", null, 1, "respondent", asRespondent: true, Ct));
            Assert.Equal((2, (int?)null), (confirmed.Answer.Version, confirmed.Answer.CarriedOverFrom));
            // Saving it again unchanged is a no-op now.
            var again = Assert.IsType<AnswerSaveResult.Saved>(await Questionnaire.SaveAnswerAsync(db, target.Target, "AAA-1.01", AnswerValue.Yes, "Since 2019", null, 2, "respondent", asRespondent: true, Ct));
            Assert.Equal(2, again.Answer.Version);
        }

        await using var check = database.NewContext();
        var answers = await check.Answers.Where(a => a.OrganisationId == organisationId).OrderBy(a => a.IndicatorCode).Select(a => new { a.IndicatorCode, a.CarriedOverFrom }).ToListAsync(Ct);
        Assert.Equal([("AAA-1.01", (int?)null), ("AAA-1.02", 2024)], answers.Select(a => (a.IndicatorCode, a.CarriedOverFrom)));
    }
}
