using System.Globalization;
using MegaBench.Accounts;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Questionnaires;

public sealed class QuestionnaireTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static MegaBenchDbContextScope Open(TestDatabase database, FakeTimeProvider clock) => new(database, clock);

    /// <summary>A context on the test database with the test's clock.</summary>
    private sealed class MegaBenchDbContextScope(TestDatabase database, FakeTimeProvider clock) : IAsyncDisposable
    {
        public MegaBench.Data.MegaBenchDbContext Db { get; } = Create(database, clock);

        private static MegaBench.Data.MegaBenchDbContext Create(TestDatabase database, FakeTimeProvider clock)
        {
            var db = database.NewContext();
            db.Clock = clock;
            return db;
        }

        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }

    private static async Task<(QuestionnaireSeed Seed, string Token, FakeTimeProvider Clock)> InvitedAsync(TestDatabase database)
    {
        var clock = new FakeTimeProvider(Start);
        await using var scope = Open(database, clock);
        var seed = await QuestionnaireSeed.SaveAsync(scope.Db);
        var (_, token) = await Questionnaire.IssueInvitationAsync(scope.Db, seed.OrganisationId, Start.AddDays(30), "Ada Coordinator", Ct);
        return (seed, token, clock);
    }

    private static async Task<QuestionnaireLink> ResolveAsync(TestDatabase database, FakeTimeProvider clock, string token)
    {
        await using var scope = Open(database, clock);
        return await Questionnaire.ResolveAsync(scope.Db, token, Ct) ?? throw new InvalidOperationException("The token should be valid.");
    }

    private static async Task<AnswerSaveResult> SaveAsync(
        TestDatabase database, FakeTimeProvider clock, string token, string code, AnswerValue value, int expectedVersion, string? comment = null, string? evidence = null)
    {
        var link = await ResolveAsync(database, clock, token);
        await using var scope = Open(database, clock);
        scope.Db.ActorProvider = () => link.Actor;
        return await Questionnaire.SaveAnswerAsync(scope.Db, link.Target, code, value, comment, evidence, expectedVersion, link.Actor.Name, asRespondent: true, Ct);
    }

    [Fact]
    public async Task IssueInvitation_returns_a_256_bit_token_and_stores_only_its_hash()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, _) = await InvitedAsync(database);

        Assert.StartsWith(Questionnaire.TokenPrefix, token, StringComparison.Ordinal);
        Assert.Equal(Questionnaire.TokenLength, token.Length);
        Assert.True(Questionnaire.IsWellFormed(token));
        Assert.True(Convert.FromBase64String(Base64(token[Questionnaire.TokenPrefix.Length..])).Length >= 16);

        await using var db = database.NewContext();
        var invitation = await db.Invitations.SingleAsync(Ct);
        Assert.Equal(seed.OrganisationId, invitation.OrganisationId);
        Assert.Equal(Secrets.Hash(token), invitation.TokenHash);
        Assert.Equal("Ada Coordinator", invitation.CreatedBy);
        var audit = await db.AuditEntries.Where(e => e.EntityType == nameof(Invitation)).ToListAsync(Ct);
        Assert.Single(audit);
        Assert.DoesNotContain(audit, e => (e.After ?? "").Contains(token, StringComparison.Ordinal));
        Assert.Equal(seed.RoundId, audit[0].RoundId);

        static string Base64(string url) => url.Replace('-', '+').Replace('_', '/') + new string('=', (4 - url.Length % 4) % 4);
    }

    [Fact]
    public async Task Two_invitations_never_share_a_token()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, first, clock) = await InvitedAsync(database);
        await using var scope = Open(database, clock);
        var (_, second) = await Questionnaire.IssueInvitationAsync(scope.Db, seed.OtherOrganisationId, Start.AddDays(1), "Ada Coordinator", Ct);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Resolve_finds_the_organisation_round_and_city_of_a_valid_token()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);

        var link = await ResolveAsync(database, clock, token);

        Assert.Equal(seed.OrganisationId, link.Target.OrganisationId);
        Assert.Equal(seed.RoundId, link.Target.RoundId);
        Assert.Equal(seed.CityId, link.Target.CityId);
        Assert.Equal(seed.NetworkId, link.Target.NetworkId);
        Assert.Equal("AAA", link.Target.GroupCode);
        Assert.Null(link.Target.RespondentLock);
        Assert.Equal($"respondent (link #{link.InvitationId.ToString(CultureInfo.InvariantCulture)})", link.Actor.Name);
        Assert.Null(link.Actor.UserId);
    }

    public static TheoryData<string> Malformed => new()
    {
        "",
        "mbq_",
        "not-a-token",
        "mbq_" + new string('A', 42),
        "mbq_" + new string('A', 44),
        "mbt_" + new string('A', 43),
        "mbq_" + new string('A', 42) + "=",
        "mbq_" + new string('A', 42) + "/",
        "mbq_" + new string('A', 41) + "é",
        "MBQ_" + new string('A', 43),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Resolve_refuses_a_malformed_token(string token)
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, _, clock) = await InvitedAsync(database);
        await using var scope = Open(database, clock);
        Assert.False(Questionnaire.IsWellFormed(token));
        Assert.Null(await Questionnaire.ResolveAsync(scope.Db, token, Ct));
    }

    [Fact]
    public async Task Resolve_refuses_a_missing_token()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        Assert.Null(await Questionnaire.ResolveAsync(db, null, Ct));
    }

    [Fact]
    public async Task Resolve_refuses_a_well_formed_token_nobody_issued()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, token, clock) = await InvitedAsync(database);
        var guess = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        await using var scope = Open(database, clock);
        Assert.True(Questionnaire.IsWellFormed(guess));
        Assert.Null(await Questionnaire.ResolveAsync(scope.Db, guess, Ct));
    }

    [Fact]
    public async Task Resolve_refuses_an_expired_token_from_its_expiry_instant()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, token, clock) = await InvitedAsync(database);
        clock.SetUtcNow(Start.AddDays(30).AddTicks(-1));
        await using (var scope = Open(database, clock))
        {
            Assert.NotNull(await Questionnaire.ResolveAsync(scope.Db, token, Ct));
        }

        clock.SetUtcNow(Start.AddDays(30));
        await using (var scope = Open(database, clock))
        {
            Assert.Null(await Questionnaire.ResolveAsync(scope.Db, token, Ct));
        }
    }

    [Fact]
    public async Task Revoke_makes_the_token_invalid_and_reports_whether_there_was_a_link()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);
        await using var scope = Open(database, clock);

        Assert.True(await Questionnaire.RevokeAsync(scope.Db, seed.OrganisationId, Ct));
        Assert.Null(await Questionnaire.ResolveAsync(scope.Db, token, Ct));
        Assert.False(await Questionnaire.RevokeAsync(scope.Db, seed.OrganisationId, Ct));
    }

    [Fact]
    public async Task Issuing_a_new_invitation_revokes_the_previous_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, old, clock) = await InvitedAsync(database);
        await using var scope = Open(database, clock);

        var (_, renewed) = await Questionnaire.IssueInvitationAsync(scope.Db, seed.OrganisationId, Start.AddDays(60), "Ada Coordinator", Ct);

        Assert.Null(await Questionnaire.ResolveAsync(scope.Db, old, Ct));
        Assert.NotNull(await Questionnaire.ResolveAsync(scope.Db, renewed, Ct));
        var active = (await scope.Db.Invitations.AsNoTracking().ToListAsync(Ct)).Count(i => i.IsActiveAt(clock.GetUtcNow()));
        Assert.Equal(1, active);
    }

    [Fact]
    public async Task IssueInvitation_refuses_an_expiry_in_the_past()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, _, clock) = await InvitedAsync(database);
        await using var scope = Open(database, clock);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Questionnaire.IssueInvitationAsync(scope.Db, seed.OrganisationId, Start, "Ada Coordinator", Ct));
    }

    [Fact]
    public async Task SaveAnswer_creates_then_updates_with_growing_versions_and_trimmed_texts()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);

        var first = Assert.IsType<AnswerSaveResult.Saved>(await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0, "  Since 2016.  ", "   "));
        Assert.Equal(1, first.Answer.Version);
        Assert.Equal("Since 2016.", first.Answer.Comment);
        Assert.Null(first.Answer.Evidence);

        clock.Advance(TimeSpan.FromMinutes(5));
        var second = Assert.IsType<AnswerSaveResult.Saved>(await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.No, 1, "Stopped in 2017.", "https://example.org"));
        Assert.Equal(2, second.Answer.Version);

        await using var db = database.NewContext();
        var stored = await db.Answers.SingleAsync(a => a.OrganisationId == seed.OrganisationId, Ct);
        Assert.Equal(AnswerValue.No, stored.Value);
        Assert.Equal("Stopped in 2017.", stored.Comment);
        Assert.Equal("https://example.org", stored.Evidence);
        Assert.Equal(2, stored.Version);
        Assert.StartsWith("respondent (link #", stored.UpdatedBy, StringComparison.Ordinal);
        Assert.Equal(clock.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public async Task SaveAnswer_with_a_stale_version_is_a_conflict_that_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);
        await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0, "Colleague A");

        var result = await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.No, 0, "Colleague B");

        var conflict = Assert.IsType<AnswerSaveResult.Conflict>(result);
        Assert.Equal(AnswerValue.Yes, conflict.Theirs.Value);
        Assert.Equal("Colleague A", conflict.Theirs.Comment);
        Assert.Equal(1, conflict.Theirs.Version);
        await using var db = database.NewContext();
        var stored = await db.Answers.SingleAsync(a => a.OrganisationId == seed.OrganisationId, Ct);
        Assert.Equal("Colleague A", stored.Comment);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Keeping_mine_after_a_conflict_replaces_theirs_and_the_audit_trail_holds_both_versions()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);
        await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0, "Colleague A");
        var conflict = Assert.IsType<AnswerSaveResult.Conflict>(await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.No, 0, "Colleague B"));

        var kept = Assert.IsType<AnswerSaveResult.Saved>(await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.No, conflict.Theirs.Version, "Colleague B"));
        Assert.Equal(2, kept.Answer.Version);

        await using var db = database.NewContext();
        var answerId = await db.Answers.Where(a => a.OrganisationId == seed.OrganisationId).Select(a => a.Id).SingleAsync(Ct);
        var history = await AuditTrail.HistoryAsync(db, nameof(Answer), answerId, Ct);
        Assert.Equal(2, history.Count);
        Assert.Contains("Colleague A", history[0].After, StringComparison.Ordinal);
        Assert.Contains("Colleague A", history[1].Before, StringComparison.Ordinal);
        Assert.Contains("Colleague B", history[1].After, StringComparison.Ordinal);
        Assert.All(history, e => Assert.StartsWith("respondent (link #", e.ActorName, StringComparison.Ordinal));
        Assert.All(history, e => Assert.Equal(seed.RoundId, e.RoundId));
    }

    [Fact]
    public async Task SaveAnswer_of_the_content_already_stored_succeeds_whatever_the_version()
    {
        // A retried request whose first attempt was stored must not report a conflict with itself.
        await using var database = await TestDatabase.CreateAsync();
        var (_, token, clock) = await InvitedAsync(database);
        await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0, "Same");

        var again = Assert.IsType<AnswerSaveResult.Saved>(await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0, "Same"));

        Assert.Equal(1, again.Answer.Version);
    }

    [Theory]
    [InlineData("BBB-1.01")]
    [InlineData("AAA-9.99")]
    [InlineData("")]
    [InlineData("aaa-1.01")]
    public async Task SaveAnswer_refuses_a_statement_outside_the_organisations_group(string code)
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, token, clock) = await InvitedAsync(database);

        var result = await SaveAsync(database, clock, token, code, AnswerValue.Yes, 0);

        Assert.Equal(new AnswerSaveResult.UnknownStatement(code), result);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
    }

    [Fact]
    public async Task SaveAnswer_refuses_texts_longer_than_the_limits()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, token, clock) = await InvitedAsync(database);

        Assert.Equal(
            new AnswerSaveResult.TooLong("comment", Questionnaire.CommentMaxLength + 1, Questionnaire.CommentMaxLength),
            await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0, new string('c', Questionnaire.CommentMaxLength + 1)));
        Assert.Equal(
            new AnswerSaveResult.TooLong("evidence", Questionnaire.EvidenceMaxLength + 1, Questionnaire.EvidenceMaxLength),
            await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0, null, new string('e', Questionnaire.EvidenceMaxLength + 1)));
        Assert.IsType<AnswerSaveResult.Saved>(await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0, new string('c', Questionnaire.CommentMaxLength)));
    }

    [Fact]
    public async Task Submitted_questionnaire_cannot_be_changed_by_the_respondent_but_can_by_the_coordinator()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);
        await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0);
        var link = await ResolveAsync(database, clock, token);
        await using (var scope = Open(database, clock))
        {
            Assert.Null(await Questionnaire.SubmitAsync(scope.Db, seed.OrganisationId, link.Actor.Name, asRespondent: true, Ct));
            Assert.Equal(QuestionnaireLock.Submitted, await Questionnaire.SubmitAsync(scope.Db, seed.OrganisationId, link.Actor.Name, asRespondent: true, Ct));
        }

        Assert.Equal(new AnswerSaveResult.Locked(QuestionnaireLock.Submitted), await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.No, 1));

        await using (var scope = Open(database, clock))
        {
            var target = await Questionnaire.FindTargetAsync(scope.Db, seed.OrganisationId, Ct);
            Assert.Equal(QuestionnaireLock.Submitted, target!.RespondentLock);
            var byCoordinator = await Questionnaire.SaveAnswerAsync(scope.Db, target, "AAA-1.01", AnswerValue.No, "Checked by phone", null, 1, "Ada Coordinator", asRespondent: false, Ct);
            Assert.Equal(2, Assert.IsType<AnswerSaveResult.Saved>(byCoordinator).Answer.Version);
        }

        await using var db = database.NewContext();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == seed.OrganisationId, Ct);
        Assert.Equal(clock.GetUtcNow(), organisation.SubmittedAt);
        Assert.Equal(link.Actor.Name, organisation.SubmittedBy);
    }

    [Fact]
    public async Task Reopening_lets_the_respondent_change_answers_again()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);
        await using (var scope = Open(database, clock))
        {
            Assert.False(await Questionnaire.ReopenAsync(scope.Db, seed.OrganisationId, Ct));
            await Questionnaire.SubmitAsync(scope.Db, seed.OrganisationId, "respondent", asRespondent: true, Ct);
            Assert.True(await Questionnaire.ReopenAsync(scope.Db, seed.OrganisationId, Ct));
        }

        Assert.IsType<AnswerSaveResult.Saved>(await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0));
        await using var db = database.NewContext();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == seed.OrganisationId, Ct);
        Assert.Null(organisation.SubmittedAt);
        Assert.Null(organisation.SubmittedBy);
    }

    [Fact]
    public async Task Validated_questionnaire_is_locked_for_respondents_until_reopened()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);
        await using (var scope = Open(database, clock))
        {
            Assert.Equal(ValidationOutcome.Validated, await Questionnaire.ValidateAsync(scope.Db, seed.OrganisationId, "Ada Coordinator", "answers given on paper", Ct));
            Assert.Equal(ValidationOutcome.AlreadyValidated, await Questionnaire.ValidateAsync(scope.Db, seed.OrganisationId, "Ada Coordinator", cancellationToken: Ct));
            Assert.Equal(QuestionnaireLock.Validated, await Questionnaire.SubmitAsync(scope.Db, seed.OrganisationId, "respondent", asRespondent: true, Ct));
        }

        Assert.Equal(new AnswerSaveResult.Locked(QuestionnaireLock.Validated), await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0));
        await using (var scope = Open(database, clock))
        {
            Assert.True(await Questionnaire.ReopenAsync(scope.Db, seed.OrganisationId, Ct));
        }

        Assert.IsType<AnswerSaveResult.Saved>(await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0));
    }

    [Fact]
    public async Task A_questionnaire_never_submitted_is_validated_only_with_a_reason_which_is_audited()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, _, clock) = await InvitedAsync(database);
        await using (var scope = Open(database, clock))
        {
            Assert.Equal(ValidationOutcome.NotSubmitted, await Questionnaire.ValidateAsync(scope.Db, seed.OrganisationId, "Ada Coordinator", cancellationToken: Ct));
            Assert.Equal(ValidationOutcome.NotSubmitted, await Questionnaire.ValidateAsync(scope.Db, seed.OrganisationId, "Ada Coordinator", "  \r\n ", Ct));
            Assert.Equal(ValidationOutcome.ReasonTooLong, await Questionnaire.ValidateAsync(scope.Db, seed.OrganisationId, "Ada Coordinator", new string('x', TextLimits.ValidationOverride + 1), Ct));
            Assert.Null((await scope.Db.Organisations.AsNoTracking().SingleAsync(o => o.Id == seed.OrganisationId, Ct)).ValidatedAt);

            Assert.Equal(ValidationOutcome.Validated, await Questionnaire.ValidateAsync(scope.Db, seed.OrganisationId, "Ada Coordinator", " Answers given on paper at the 3 May meeting. ", Ct));
        }

        await using var db = database.NewContext();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == seed.OrganisationId, Ct);
        Assert.Equal("Answers given on paper at the 3 May meeting.", organisation.ValidationOverride);
        var audited = await db.AuditEntries.Where(e => e.EntityType == nameof(Organisation) && e.EntityId == $"{seed.OrganisationId}").ToListAsync(Ct);
        Assert.Contains(audited, e => e.After is { } after && after.Contains("Answers given on paper at the 3 May meeting.", StringComparison.Ordinal));

        await using (var scope = Open(database, clock))
        {
            Assert.True(await Questionnaire.ReopenAsync(scope.Db, seed.OrganisationId, Ct));
        }

        await using var after = database.NewContext();
        Assert.Null((await after.Organisations.SingleAsync(o => o.Id == seed.OrganisationId, Ct)).ValidationOverride);
    }

    [Fact]
    public async Task A_submitted_questionnaire_is_validated_without_a_reason_and_keeps_none()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, _, clock) = await InvitedAsync(database);
        await using (var scope = Open(database, clock))
        {
            Assert.Null(await Questionnaire.SubmitAsync(scope.Db, seed.OrganisationId, "respondent", asRespondent: true, Ct));
            Assert.Equal(ValidationOutcome.Validated, await Questionnaire.ValidateAsync(scope.Db, seed.OrganisationId, "Ada Coordinator", "not needed", Ct));
        }

        await using var db = database.NewContext();
        Assert.Null((await db.Organisations.SingleAsync(o => o.Id == seed.OrganisationId, Ct)).ValidationOverride);
    }

    [Theory]
    [InlineData(RoundStatus.Closed)]
    [InlineData(RoundStatus.Published)]
    public async Task A_round_that_no_longer_collects_answers_is_locked_for_respondents(RoundStatus status)
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, token, clock) = await InvitedAsync(database);
        await using (var scope = Open(database, clock))
        {
            var round = await scope.Db.Rounds.SingleAsync(r => r.Id == seed.RoundId, Ct);
            round.Status = status;
            await scope.Db.SaveChangesAsync(Ct);
        }

        Assert.Equal(new AnswerSaveResult.Locked(QuestionnaireLock.RoundClosed), await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0));
        await using var check = Open(database, clock);
        Assert.Equal(QuestionnaireLock.RoundClosed, await Questionnaire.SubmitAsync(check.Db, seed.OrganisationId, "respondent", asRespondent: true, Ct));
    }

    [Fact]
    public async Task Submitting_is_recorded_in_the_audit_trail()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (seed, _, clock) = await InvitedAsync(database);
        await using (var scope = Open(database, clock))
        {
            scope.Db.ActorProvider = () => new AuditActor(null, "respondent (link #1)");
            await Questionnaire.SubmitAsync(scope.Db, seed.OrganisationId, "respondent (link #1)", asRespondent: true, Ct);
        }

        await using var db = database.NewContext();
        var history = await AuditTrail.HistoryAsync(db, nameof(Organisation), seed.OrganisationId, Ct);
        var submitted = Assert.Single(history, e => e.Action == AuditAction.Updated);
        Assert.Contains("\"SubmittedAt\":null", submitted.Before, StringComparison.Ordinal);
        Assert.Contains("\"SubmittedBy\":\"respondent (link #1)\"", submitted.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statuses_follow_the_questionnaire_from_not_invited_to_validated()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        QuestionnaireSeed seed;
        await using (var scope = Open(database, clock))
        {
            seed = await QuestionnaireSeed.SaveAsync(scope.Db);
        }

        async Task<QuestionnaireStatus> StatusAsync()
        {
            await using var scope = Open(database, clock);
            var all = await Questionnaire.StatusesAsync(scope.Db, seed.RoundId, Ct);
            Assert.Equal(2, all.Count);
            Assert.Equal(QuestionnaireState.NotInvited, all[seed.OtherOrganisationId].State);
            var one = await Questionnaire.StatusAsync(scope.Db, seed.OrganisationId, Ct);
            Assert.Equal(all[seed.OrganisationId], one);
            return one!;
        }

        var status = await StatusAsync();
        Assert.Equal(QuestionnaireState.NotInvited, status.State);
        Assert.Equal(new AnswerProgress(0, 6), status.Progress);
        Assert.Null(status.LastActivityAt);

        string token;
        await using (var scope = Open(database, clock))
        {
            token = (await Questionnaire.IssueInvitationAsync(scope.Db, seed.OrganisationId, Start.AddDays(7), "Ada", Ct)).Token;
        }

        status = await StatusAsync();
        Assert.Equal(QuestionnaireState.Invited, status.State);
        Assert.Equal(Start.AddDays(7), status.InvitationExpiresAt);

        clock.Advance(TimeSpan.FromDays(1));
        await SaveAsync(database, clock, token, "AAA-1.01", AnswerValue.Yes, 0);
        await SaveAsync(database, clock, token, "AAA-1.02", AnswerValue.NotDetermined, 0);
        await SaveAsync(database, clock, token, "AAA-2.01", AnswerValue.Unanswered, 0, "Ask the mayor");
        status = await StatusAsync();
        Assert.Equal(QuestionnaireState.InProgress, status.State);
        Assert.Equal(new AnswerProgress(2, 6), status.Progress);
        Assert.Equal(clock.GetUtcNow(), status.LastActivityAt);

        clock.Advance(TimeSpan.FromDays(1));
        await using (var scope = Open(database, clock))
        {
            await Questionnaire.SubmitAsync(scope.Db, seed.OrganisationId, "respondent", asRespondent: true, Ct);
        }

        status = await StatusAsync();
        Assert.Equal(QuestionnaireState.Submitted, status.State);
        Assert.Equal(clock.GetUtcNow(), status.LastActivityAt);

        clock.Advance(TimeSpan.FromDays(1));
        await using (var scope = Open(database, clock))
        {
            await Questionnaire.ValidateAsync(scope.Db, seed.OrganisationId, "Ada", cancellationToken: Ct);
        }

        status = await StatusAsync();
        Assert.Equal(QuestionnaireState.Validated, status.State);
        Assert.Equal(clock.GetUtcNow(), status.LastActivityAt);

        clock.Advance(TimeSpan.FromDays(30));
        status = await StatusAsync();
        Assert.Null(status.InvitationExpiresAt);
    }

    [Fact]
    public void A_link_that_expired_or_was_revoked_leaves_the_organisation_not_invited()
    {
        var none = QuestionnaireStatus.Of(null, null, new AnswerProgress(0, 6), null, null);
        Assert.Equal(QuestionnaireState.NotInvited, none.State);
        var answeredWithoutLink = QuestionnaireStatus.Of(null, null, new AnswerProgress(1, 6), Start, null);
        Assert.Equal(QuestionnaireState.InProgress, answeredWithoutLink.State);
        var validatedWithoutSubmission = QuestionnaireStatus.Of(null, Start, new AnswerProgress(6, 6), null, null);
        Assert.Equal(QuestionnaireState.Validated, validatedWithoutSubmission.State);
    }
}
