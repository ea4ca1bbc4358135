using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Questionnaires;

/// <summary>
/// The group-commit writer of link saves (<see cref="AnswerWriter"/>): the same rules and the same audit rows
/// as <see cref="Questionnaire.SaveAnswerAsync"/>, many saves in one transaction, and a failing save that does
/// not take the others with it.
/// </summary>
public sealed class AnswerWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A writer on the test database whose contexts use the test's clock, as the app's container builds it.</summary>
    private sealed class Writer : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        public Writer(TestDatabase database, TimeProvider clock, int writers = 1)
        {
            _services = new ServiceCollection()
                .AddScoped(_ =>
                {
                    var db = database.NewContext();
                    db.Clock = clock;
                    return db;
                })
                .BuildServiceProvider();
            Instance = new AnswerWriter(_services.GetRequiredService<IServiceScopeFactory>(), writers);
        }

        public AnswerWriter Instance { get; }

        public async ValueTask DisposeAsync()
        {
            await Instance.DisposeAsync();
            await _services.DisposeAsync();
        }
    }

    private static async Task<(QuestionnaireSeed Seed, string Token, string OtherToken, FakeTimeProvider Clock)> InvitedAsync(TestDatabase database)
    {
        var clock = new FakeTimeProvider(Start);
        await using var db = database.NewContext();
        db.Clock = clock;
        var seed = await QuestionnaireSeed.SaveAsync(db);
        var (_, token) = await Questionnaire.IssueInvitationAsync(db, seed.OrganisationId, Start.AddDays(30), "Ada Coordinator", Ct);
        var (_, other) = await Questionnaire.IssueInvitationAsync(db, seed.OtherOrganisationId, Start.AddDays(30), "Ada Coordinator", Ct);
        return (seed, token, other, clock);
    }

    [Fact]
    public async Task A_save_stores_the_cleaned_answer_with_version_one_and_names_the_link_in_the_audit_trail()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, _, clock) = await InvitedAsync(database);
        await using var writer = new Writer(database, clock);

        var result = await writer.Instance.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.Yes, "  Since 2016.\r\nStill.  ", "   ", 0));

        var saved = Assert.IsType<AnswerSaveResult.Saved>(result).Answer;
        Assert.Equal((AnswerValue.Yes, "Since 2016.\nStill.", (string?)null, 1), (saved.Value, saved.Comment, saved.Evidence, saved.Version));
        await using var db = database.NewContext();
        var answer = await db.Answers.AsNoTracking().SingleAsync(a => a.OrganisationId == seed.OrganisationId, Ct);
        Assert.Equal((AnswerValue.Yes, "Since 2016.\nStill.", 1, Start), (answer.Value, answer.Comment, answer.Version, answer.UpdatedAt));
        Assert.StartsWith("respondent (link #", answer.UpdatedBy, StringComparison.Ordinal);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == nameof(Answer), Ct);
        Assert.Equal((AuditAction.Created, answer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), seed.RoundId, answer.UpdatedBy, (string?)null),
            (entry.Action, entry.EntityId, entry.RoundId, entry.ActorName, entry.ActorId));
    }

    [Fact]
    public async Task Its_audit_rows_read_exactly_as_those_of_the_change_tracker()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, token, _, clock) = await InvitedAsync(database);
        await using var writer = new Writer(database, clock);

        // Writer, then the change tracker's path, then the writer: each row's Before must be the previous row's
        // After, character for character, whichever path wrote either.
        Assert.IsType<AnswerSaveResult.Saved>(await writer.Instance.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.Yes, "First", null, 0)));
        clock.Advance(TimeSpan.FromMinutes(1));
        await using (var db = database.NewContext())
        {
            db.Clock = clock;
            var link = await Questionnaire.ResolveAsync(db, token, Ct) ?? throw new InvalidOperationException("The link should be valid.");
            db.ActorProvider = () => link.Actor;
            Assert.IsType<AnswerSaveResult.Saved>(await Questionnaire.SaveAnswerAsync(db, link.Target, "AAA-1.01", AnswerValue.No, "Second", "https://example.org", 1, link.Actor.Name, asRespondent: true, Ct));
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.IsType<AnswerSaveResult.Saved>(await writer.Instance.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.NotDetermined, "Third", null, 2)));

        await using var check = database.NewContext();
        var entries = await check.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Answer)).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([AuditAction.Created, AuditAction.Updated, AuditAction.Updated], entries.Select(e => e.Action));
        Assert.Equal(entries[0].After, entries[1].Before);
        Assert.Equal(entries[1].After, entries[2].Before);
        Assert.Contains("\"Comment\":\"Third\"", entries[2].After, StringComparison.Ordinal);
        Assert.Contains("\"Value\":\"NotDetermined\"", entries[2].After, StringComparison.Ordinal);
        Assert.Single(entries.Select(e => e.EntityId).Distinct());
    }

    [Fact]
    public async Task Saves_sent_together_each_get_the_rules_one_save_at_a_time_would_give()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, otherToken, clock) = await InvitedAsync(database);
        await using var writer = new Writer(database, clock);

        // Ten people give different first answers to one statement at once: one wins, nine conflict with it.
        var racing = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            writer.Instance.SaveAsync(new LinkedAnswerSave(token, "AAA-1.02", AnswerValue.Yes, $"Colleague {i}", null, 0))));
        var winner = Assert.Single(racing.OfType<AnswerSaveResult.Saved>()).Answer;
        Assert.All(racing.OfType<AnswerSaveResult.Conflict>(), c => Assert.Equal(winner, c.Theirs));
        Assert.Equal(9, racing.OfType<AnswerSaveResult.Conflict>().Count());

        // Every statement of both organisations at once, with a bad link, a foreign statement and a long comment among them.
        var codes = new[] { "AAA-1.01", "AAA-2.01", "AAA-2.02", "AAA-3.01", "AAA-3.02" };
        var many = await Task.WhenAll(
            [.. codes.Select(code => writer.Instance.SaveAsync(new LinkedAnswerSave(token, code, AnswerValue.No, code, null, 0))),
             .. codes.Select(code => writer.Instance.SaveAsync(new LinkedAnswerSave(otherToken, code.Replace("AAA", "BBB", StringComparison.Ordinal), AnswerValue.Yes, null, null, 0))),
             writer.Instance.SaveAsync(new LinkedAnswerSave(token[..^4] + "AAAA", "AAA-1.01", AnswerValue.Yes, null, null, 0)),
             writer.Instance.SaveAsync(new LinkedAnswerSave(token, "BBB-1.01", AnswerValue.Yes, null, null, 0)),
             writer.Instance.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.Yes, new string('x', Questionnaire.CommentMaxLength + 1), null, 0))]);
        Assert.All(many[..10], r => Assert.Equal(1, Assert.IsType<AnswerSaveResult.Saved>(r).Answer.Version));
        Assert.Null(many[10]);
        Assert.IsType<AnswerSaveResult.UnknownStatement>(many[11]);
        Assert.IsType<AnswerSaveResult.TooLong>(many[12]);

        await using var db = database.NewContext();
        Assert.Equal(6, await db.Answers.CountAsync(a => a.OrganisationId == seed.OrganisationId, Ct));
        Assert.Equal(5, await db.Answers.CountAsync(a => a.OrganisationId == seed.OtherOrganisationId, Ct));
        Assert.Equal(11, await db.AuditEntries.CountAsync(e => e.EntityType == nameof(Answer), Ct));
    }

    [Fact]
    public async Task A_submitted_questionnaire_or_a_closed_round_refuses_link_saves_and_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, otherToken, clock) = await InvitedAsync(database);
        await using (var db = database.NewContext())
        {
            Assert.Null(await Questionnaire.SubmitAsync(db, seed.OrganisationId, "respondent", asRespondent: true, Ct));
        }

        await using var writer = new Writer(database, clock);
        var submitted = await writer.Instance.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.Yes, null, null, 0));
        Assert.Equal(QuestionnaireLock.Submitted, Assert.IsType<AnswerSaveResult.Locked>(submitted).Reason);

        await using (var db = database.NewContext())
        {
            await db.Rounds.Where(r => r.Id == seed.RoundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Published), Ct);
        }

        var closed = await writer.Instance.SaveAsync(new LinkedAnswerSave(otherToken, "BBB-1.01", AnswerValue.Yes, null, null, 0));
        Assert.Equal(QuestionnaireLock.RoundClosed, Assert.IsType<AnswerSaveResult.Locked>(closed).Reason);
        await using var check = database.NewContext();
        Assert.False(await check.Answers.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_revoked_or_expired_link_saves_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, otherToken, clock) = await InvitedAsync(database);
        await using (var db = database.NewContext())
        {
            db.Clock = clock;
            Assert.True(await Questionnaire.RevokeAsync(db, seed.OrganisationId, Ct));
        }

        await using var writer = new Writer(database, clock);
        Assert.Null(await writer.Instance.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.Yes, null, null, 0)));
        clock.Advance(TimeSpan.FromDays(31));
        Assert.Null(await writer.Instance.SaveAsync(new LinkedAnswerSave(otherToken, "BBB-1.01", AnswerValue.Yes, null, null, 0)));
        await using var check = database.NewContext();
        Assert.False(await check.Answers.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_save_that_fails_fails_alone_and_leaves_nothing_half_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, otherToken, clock) = await InvitedAsync(database);
        // The other organisation's group disappears from under it (as a corrupt import could do): its save throws
        // in the middle of the batch, which is rolled back and replayed one save at a time.
        await using (var db = database.NewContext())
        {
            await db.Organisations.Where(o => o.Id == seed.OtherOrganisationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.GroupCode, "ZZZ"), Ct);
        }

        await using var writer = new Writer(database, clock);
        var saves = Enumerable.Range(0, 20).Select(i => i == 7
            ? writer.Instance.SaveAsync(new LinkedAnswerSave(otherToken, "BBB-1.01", AnswerValue.Yes, null, null, 0))
            : writer.Instance.SaveAsync(new LinkedAnswerSave(token, i % 2 == 0 ? "AAA-1.01" : "AAA-1.02", AnswerValue.Yes, $"save {i}", null, PriorSaves(i)))).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => saves[7]);
        var others = await Task.WhenAll(saves.Where((_, i) => i != 7));
        Assert.All(others, r => Assert.IsType<AnswerSaveResult.Saved>(r));
        await using var check = database.NewContext();
        var answers = await check.Answers.AsNoTracking().OrderBy(a => a.IndicatorCode).ToListAsync(Ct);
        Assert.Equal([("AAA-1.01", 10, "save 18"), ("AAA-1.02", 9, "save 19")], answers.Select(a => (a.IndicatorCode, a.Version, a.Comment!)));
        Assert.Equal(20 - 1, await check.AuditEntries.CountAsync(e => e.EntityType == nameof(Answer), Ct));

        // Saves of one statement before save i: even ones go to AAA-1.01, odd ones but the seventh to AAA-1.02.
        static int PriorSaves(int i) => i % 2 == 0 ? i / 2 : (i / 2) - (i > 7 ? 1 : 0);
    }

    /// <summary>
    /// The autosave writer (prepared SQL) and the questionnaire without JavaScript (EF) store the same text for the
    /// same input, and it is <see cref="AnswerText.Clean"/>'s (the coordinator's form: AnswerFormTests).
    /// </summary>
    [Theory]
    [InlineData("  Since 2016.\r\nStill.  ")]
    [InlineData("Cafe\u0301 on the corner\rand more")]
    [InlineData("   ")]
    [InlineData("")]
    public async Task The_writer_and_the_form_store_the_same_cleaned_text(string typed)
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, other, clock) = await InvitedAsync(database);
        await using var writer = new Writer(database, clock);

        Assert.IsType<AnswerSaveResult.Saved>(await writer.Instance.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.Yes, typed, typed, 0)));
        await using (var db = database.NewContext())
        {
            db.Clock = clock;
            var link = await Questionnaire.ResolveAsync(db, other, Ct) ?? throw new InvalidOperationException("The link should be valid.");
            db.ActorProvider = () => link.Actor;
            Assert.IsType<AnswerSaveResult.Saved>(await Questionnaire.SaveAnswerAsync(db, link.Target, "BBB-1.01", AnswerValue.Yes, typed, typed, 0, link.Actor.Name, asRespondent: true, Ct));
        }

        await using var read = database.NewContext();
        var byWriter = await read.Answers.AsNoTracking().SingleAsync(a => a.OrganisationId == seed.OrganisationId, Ct);
        var byForm = await read.Answers.AsNoTracking().SingleAsync(a => a.OrganisationId == seed.OtherOrganisationId, Ct);
        Assert.Equal(AnswerText.Clean(typed), byWriter.Comment);
        Assert.Equal((byWriter.Comment, byWriter.Evidence), (byForm.Comment, byForm.Evidence));
        var audits = await read.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Answer)).OrderBy(e => e.Id).Select(e => e.After!).ToListAsync(Ct);
        Assert.Equal(2, audits.Count);
        Assert.Equal(Comparable(audits[0]), Comparable(audits[1]));
    }

    /// <summary>An audit value without what differs by design between two organisations' answers (ids, who, when).</summary>
    private static string Comparable(string after)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(after)!.AsObject();
        foreach (var key in new[] { "Id", "OrganisationId", "IndicatorCode", "UpdatedBy", "UpdatedAt" })
        {
            node.Remove(key);
        }

        return node.ToJsonString();
    }

    [Theory]
    [InlineData("  a\r\nb  ", "a\nb")]
    [InlineData("a\rb", "a\nb")]
    [InlineData("e\u0301t\u00e9", "\u00e9t\u00e9")]
    [InlineData(" \r\n\t ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Answer_text_is_cleaned_one_way(string? typed, string? stored) => Assert.Equal(stored, AnswerText.Clean(typed));
}
