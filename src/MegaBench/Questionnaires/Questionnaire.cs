using MegaBench.Accounts;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Questionnaires;

/// <summary>
/// The questionnaire of an organisation: its invitation links, saving answers without silent overwrites,
/// submitting, reopening and validating, and its status. Pages, API endpoints and commands all go through
/// here, so that the same rules hold whichever way an answer arrives.
/// </summary>
public static class Questionnaire
{
    /// <summary>Every link token starts with this, so that a leaked one is easy to recognise in logs and scanners.</summary>
    public const string TokenPrefix = "mbq_";

    /// <summary>Random bytes in a token: 256 bits, twice the minimum of 128.</summary>
    private const int TokenBytes = 32;

    /// <summary>The length of a token: the prefix and the unpadded base64url of <see cref="TokenBytes"/> bytes.</summary>
    public static readonly int TokenLength = TokenPrefix.Length + ((TokenBytes * 4) + 2) / 3;

    public const int CommentMaxLength = TextLimits.AnswerComment;

    public const int EvidenceMaxLength = TextLimits.AnswerEvidence;

    /// <summary>
    /// Issues a new link for the organisation, valid until <paramref name="expiresAt"/>, and revokes any link
    /// it had: an organisation has one active link at most. Returns the stored invitation and the token, which
    /// is not stored and cannot be shown again.
    /// </summary>
    public static async Task<(Invitation Invitation, string Token)> IssueInvitationAsync(
        MegaBenchDbContext db, int organisationId, DateTimeOffset expiresAt, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var now = db.Clock.GetUtcNow();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiresAt, now);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            throw new ArgumentException($"There is no organisation {organisationId}.", nameof(organisationId));
        }

        await RevokeActive(db, organisationId, now, cancellationToken);
        var token = Secrets.Create(TokenPrefix, TokenBytes);
        var invitation = new Invitation
        {
            OrganisationId = organisationId,
            TokenHash = Secrets.Hash(token),
            CreatedAt = now,
            ExpiresAt = expiresAt,
            CreatedBy = createdBy,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return (invitation, token);
    }

    /// <summary>Revokes the organisation's active link; false when it had none.</summary>
    public static async Task<bool> RevokeAsync(MegaBenchDbContext db, int organisationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var revoked = await RevokeActive(db, organisationId, db.Clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return revoked;
    }

    private static async Task<bool> RevokeActive(MegaBenchDbContext db, int organisationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Expiry is compared in memory: SQLite cannot compare DateTimeOffset columns in SQL.
        var unrevoked = await db.Invitations.Where(i => i.OrganisationId == organisationId && i.RevokedAt == null).ToListAsync(cancellationToken);
        var active = unrevoked.Where(i => i.IsActiveAt(now)).ToList();
        foreach (var invitation in active)
        {
            invitation.RevokedAt = now;
        }

        return active.Count > 0;
    }

    /// <summary>Whether the text has the shape of a token (prefix, length, base64url characters), before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is not null
        && token.Length == TokenLength
        && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && token.AsSpan(TokenPrefix.Length).IndexOfAnyExcept(Base64UrlCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>
    /// The link a token opens, or null for a malformed, unknown, revoked or expired token: the caller cannot
    /// tell these apart, and neither can the link holder.
    /// </summary>
    /// <remarks>
    /// The lookup is by hash on a unique index; the hash found is then compared with the presented token's
    /// in constant time, so that no timing difference depends on how much of a guess was right.
    /// </remarks>
    public static async Task<QuestionnaireLink?> ResolveAsync(MegaBenchDbContext db, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsWellFormed(token))
        {
            return null;
        }

        var hash = Secrets.Hash(token!);
        var found = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash)
            .Select(i => new
            {
                i.Id,
                i.TokenHash,
                i.ExpiresAt,
                i.RevokedAt,
                Target = new QuestionnaireTarget(
                    i.OrganisationId,
                    i.Organisation!.RoundId,
                    i.Organisation.Round!.CityId,
                    i.Organisation.Round.City!.NetworkId,
                    i.Organisation.Name,
                    i.Organisation.GroupCode,
                    i.Organisation.Round.StoredFrameworkId,
                    i.Organisation.Round.Framework!.ContentHash,
                    i.Organisation.Round.Status,
                    i.Organisation.SubmittedAt,
                    i.Organisation.ValidatedAt),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : Accept(token!, found.Id, found.TokenHash, found.ExpiresAt, found.RevokedAt, found.Target, db.Clock.GetUtcNow());
    }

    /// <summary>
    /// The link of an invitation row found by the token's hash, or null when the stored hash does not match the
    /// token (compared in constant time), or the invitation was revoked or has expired.
    /// </summary>
    internal static QuestionnaireLink? Accept(
        string token, int invitationId, string tokenHash, DateTimeOffset expiresAt, DateTimeOffset? revokedAt, QuestionnaireTarget target, DateTimeOffset now) =>
        !Secrets.Matches(token, tokenHash) || revokedAt is not null || expiresAt <= now
            ? null
            : new QuestionnaireLink(invitationId, expiresAt, target);

    /// <summary>The target of an organisation by id (for coordinators and imports), or null when there is none.</summary>
    public static Task<QuestionnaireTarget?> FindTargetAsync(MegaBenchDbContext db, int organisationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Organisations.AsNoTracking()
            .Where(o => o.Id == organisationId)
            .Select(o => new QuestionnaireTarget(
                o.Id, o.RoundId, o.Round!.CityId, o.Round.City!.NetworkId, o.Name, o.GroupCode,
                o.Round.StoredFrameworkId, o.Round.Framework!.ContentHash, o.Round.Status, o.SubmittedAt, o.ValidatedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The framework and stakeholder group whose statements the target answers.</summary>
    public static async Task<(Framework Framework, StakeholderGroup Group)> ReadGroupAsync(MegaBenchDbContext db, QuestionnaireTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var framework = await FrameworkStore.ReadAsync(db, target.StoredFrameworkId, target.FrameworkHash, cancellationToken);
        var group = framework.FindGroup(target.GroupCode)
            ?? throw new InvalidOperationException($"Organisation {target.OrganisationId} is in group '{target.GroupCode}', which framework {framework.Id} {framework.Version} does not define.");
        return (framework, group);
    }

    /// <summary>The stored answers of the target's organisation as respondents see them, by statement code.</summary>
    public static async Task<Dictionary<string, AnswerSnapshot>> ReadAnswersAsync(MegaBenchDbContext db, int organisationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var answers = await db.Answers.AsNoTracking().Where(a => a.OrganisationId == organisationId).ToListAsync(cancellationToken);
        return answers.ToDictionary(a => a.IndicatorCode, a => AnswerSnapshot.Of(a.IndicatorCode, a), StringComparer.Ordinal);
    }

    /// <summary>
    /// Saves one statement's answer if it is still at <paramref name="expectedVersion"/> (0: nothing stored yet).
    /// </summary>
    /// <remarks>
    /// The rules:
    /// <list type="bullet">
    /// <item>a link holder (<paramref name="asRespondent"/>) may not change a submitted or validated questionnaire,
    /// nor one whose round no longer collects answers; a coordinator may;</item>
    /// <item>texts are trimmed, and an empty text is no text;</item>
    /// <item>when the stored version differs from the expected one and the stored content differs from the
    /// new one, nothing is written and the stored answer is returned as a conflict; saving again with its
    /// version replaces it deliberately, and the audit trail then holds both versions (each save is a row);</item>
    /// <item>when the stored content already equals the new one, nothing is written and the save succeeds
    /// (a retried request whose first attempt was stored, or two people giving the same answer);</item>
    /// <item>otherwise the answer is written with its version increased by one, in one transaction with its
    /// audit row. A save that races another between read and write is refused by the version check (or the
    /// one-answer-per-statement index) and reported as a conflict.</item>
    /// </list>
    /// </remarks>
    public static async Task<AnswerSaveResult> SaveAnswerAsync(
        MegaBenchDbContext db,
        QuestionnaireTarget target,
        string code,
        AnswerValue value,
        string? comment,
        string? evidence,
        int expectedVersion,
        string updatedBy,
        bool asRespondent,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(code);
        if (asRespondent && target.RespondentLock is { } reason)
        {
            return new AnswerSaveResult.Locked(reason);
        }

        var (_, group) = await ReadGroupAsync(db, target, cancellationToken);
        comment = AnswerText.Clean(comment);
        evidence = AnswerText.Clean(evidence);
        if (Refusal(group, code, comment, evidence) is { } refusal)
        {
            return refusal;
        }

        var answer = await db.Answers.SingleOrDefaultAsync(a => a.OrganisationId == target.OrganisationId && a.IndicatorCode == code, cancellationToken);
        var stored = AnswerSnapshot.Of(code, answer);
        if (Decide(stored, value, comment, evidence, expectedVersion) is { } decided)
        {
            return decided;
        }

        if (answer is null)
        {
            answer = new Answer { OrganisationId = target.OrganisationId, IndicatorCode = code, Version = 0 };
            db.Answers.Add(answer);
        }

        answer.Value = value;
        answer.Comment = comment;
        answer.Evidence = evidence;
        answer.Version++;
        answer.UpdatedBy = updatedBy;
        answer.UpdatedAt = db.Clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save of this statement won the race between our read and our write; nothing of ours was
            // written. Report what is stored now.
            db.ChangeTracker.Clear();
            var current = AnswerSnapshot.Of(code, await db.Answers.AsNoTracking()
                .SingleOrDefaultAsync(a => a.OrganisationId == target.OrganisationId && a.IndicatorCode == code, cancellationToken));
            return current.SameContentAs(value, comment, evidence)
                ? new AnswerSaveResult.Saved(current)
                : new AnswerSaveResult.Conflict(current);
        }

        return new AnswerSaveResult.Saved(AnswerSnapshot.Of(code, answer));
    }

    /// <summary>
    /// Why a save of <paramref name="code"/> with these (cleaned) texts is refused before anything is read: not a
    /// statement of the group, or a text too long. Null when it may go on.
    /// </summary>
    internal static AnswerSaveResult? Refusal(StakeholderGroup group, string code, string? comment, string? evidence)
    {
        if (!group.Indicators.Any(i => string.Equals(i.Code, code, StringComparison.Ordinal)))
        {
            return new AnswerSaveResult.UnknownStatement(code);
        }

        if (AnswerText.OverLimit(comment, CommentMaxLength) is { } commentLength)
        {
            return new AnswerSaveResult.TooLong("comment", commentLength, CommentMaxLength);
        }

        return AnswerText.OverLimit(evidence, EvidenceMaxLength) is { } evidenceLength
            ? new AnswerSaveResult.TooLong("evidence", evidenceLength, EvidenceMaxLength)
            : null;
    }

    /// <summary>
    /// The outcome of a save decided by what is stored, without writing: the same content already stored is a
    /// success whatever the version; else a version other than the expected one is a conflict. Null: write it.
    /// </summary>
    /// <remarks>Saving a carried-over answer unchanged is not a no-op: it confirms the answer, which clears its mark.</remarks>
    internal static AnswerSaveResult? Decide(AnswerSnapshot stored, AnswerValue value, string? comment, string? evidence, int expectedVersion) =>
        stored.SameContentAs(value, comment, evidence) && stored.CarriedOverFrom is null ? new AnswerSaveResult.Saved(stored)
        : stored.Version != expectedVersion ? new AnswerSaveResult.Conflict(stored)
        : null;

    /// <summary>
    /// Submits the questionnaire: from now on link holders only read it, until the coordinator reopens it.
    /// Unanswered statements are allowed. Returns the lock that prevented it, or null when it was submitted.
    /// </summary>
    public static async Task<QuestionnaireLock?> SubmitAsync(MegaBenchDbContext db, int organisationId, string submittedBy, bool asRespondent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var organisation = await LoadAsync(db, organisationId, cancellationToken);
        if (organisation.ValidatedAt is not null)
        {
            return QuestionnaireLock.Validated;
        }

        if (organisation.SubmittedAt is not null)
        {
            return QuestionnaireLock.Submitted;
        }

        if (asRespondent && organisation.Round!.Status != RoundStatus.Open)
        {
            return QuestionnaireLock.RoundClosed;
        }

        organisation.SubmittedAt = db.Clock.GetUtcNow();
        organisation.SubmittedBy = submittedBy;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Reopens a submitted or validated questionnaire for its link holders (the coordinator's decision).</summary>
    /// <returns>False when it was neither submitted nor validated (nothing to reopen).</returns>
    public static async Task<bool> ReopenAsync(MegaBenchDbContext db, int organisationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var organisation = await LoadAsync(db, organisationId, cancellationToken);
        if (organisation.SubmittedAt is null && organisation.ValidatedAt is null)
        {
            return false;
        }

        organisation.SubmittedAt = null;
        organisation.SubmittedBy = null;
        organisation.ValidatedAt = null;
        organisation.ValidatedBy = null;
        organisation.ValidationOverride = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Marks the answers as checked by the coordinator; a validated questionnaire is read-only for link holders.
    /// Validation follows submission: a questionnaire never submitted (answers that came on paper, say) is validated
    /// only with the coordinator's reason for the exception, which is kept on the organisation and so in the audit trail.
    /// </summary>
    /// <param name="overrideReason">Why a questionnaire that was not submitted is validated anyway; ignored once submitted.</param>
    public static async Task<ValidationOutcome> ValidateAsync(MegaBenchDbContext db, int organisationId, string validatedBy, string? overrideReason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var organisation = await LoadAsync(db, organisationId, cancellationToken);
        if (organisation.ValidatedAt is not null)
        {
            return ValidationOutcome.AlreadyValidated;
        }

        var reason = AnswerText.Clean(overrideReason);
        if (organisation.SubmittedAt is null && reason is null)
        {
            return ValidationOutcome.NotSubmitted;
        }

        if (organisation.SubmittedAt is null && reason is { Length: > TextLimits.ValidationOverride })
        {
            return ValidationOutcome.ReasonTooLong;
        }

        organisation.ValidatedAt = db.Clock.GetUtcNow();
        organisation.ValidatedBy = validatedBy;
        organisation.ValidationOverride = organisation.SubmittedAt is null ? reason : null;
        await db.SaveChangesAsync(cancellationToken);
        return ValidationOutcome.Validated;
    }

    private static async Task<Organisation> LoadAsync(MegaBenchDbContext db, int organisationId, CancellationToken cancellationToken) =>
        await db.Organisations.Include(o => o.Round).SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
        ?? throw new ArgumentException($"There is no organisation {organisationId}.", nameof(organisationId));

    /// <summary>The status of one organisation's questionnaire.</summary>
    public static async Task<QuestionnaireStatus?> StatusAsync(MegaBenchDbContext db, int organisationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roundId = await db.Organisations.Where(o => o.Id == organisationId).Select(o => (int?)o.RoundId).SingleOrDefaultAsync(cancellationToken);
        if (roundId is null)
        {
            return null;
        }

        var statuses = await StatusesAsync(db, [roundId.Value], organisationId, cancellationToken);
        return statuses[organisationId];
    }

    /// <summary>The status of every organisation's questionnaire in a round, by organisation id (four queries whatever the size).</summary>
    public static Task<Dictionary<int, QuestionnaireStatus>> StatusesAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken = default) =>
        StatusesAsync(db, [roundId], null, cancellationToken);

    /// <summary>
    /// The status of every organisation's questionnaire in several rounds, by organisation id: the same four queries
    /// for one round or a whole network's (a coordinator's home page, the network's collection progress).
    /// </summary>
    public static Task<Dictionary<int, QuestionnaireStatus>> StatusesAsync(MegaBenchDbContext db, IReadOnlyCollection<int> roundIds, CancellationToken cancellationToken = default) =>
        StatusesAsync(db, roundIds, null, cancellationToken);

    private static async Task<Dictionary<int, QuestionnaireStatus>> StatusesAsync(MegaBenchDbContext db, IReadOnlyCollection<int> roundIds, int? onlyOrganisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(roundIds);
        var now = db.Clock.GetUtcNow();
        var ids = roundIds.Distinct().ToList();
        var frameworks = (await db.Rounds.AsNoTracking().Include(r => r.Framework).Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, r => FrameworkStore.Read(r.Framework!));
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.RoundId) && (onlyOrganisation == null || o.Id == onlyOrganisation))
            .Select(o => new { o.Id, o.RoundId, o.GroupCode, o.SubmittedAt, o.ValidatedAt })
            .ToListAsync(cancellationToken);
        var answers = (await db.Answers.AsNoTracking()
            .Where(a => ids.Contains(a.Organisation!.RoundId) && (onlyOrganisation == null || a.OrganisationId == onlyOrganisation))
            .Select(a => new { a.OrganisationId, a.IndicatorCode, a.Value, a.UpdatedAt })
            .ToListAsync(cancellationToken))
            .ToLookup(a => a.OrganisationId);

        // Expiry is compared in memory: SQLite cannot order or compare DateTimeOffset columns in SQL.
        var invitations = (await db.Invitations.AsNoTracking()
            .Where(i => ids.Contains(i.Organisation!.RoundId) && i.RevokedAt == null && (onlyOrganisation == null || i.OrganisationId == onlyOrganisation))
            .Select(i => new { i.OrganisationId, i.ExpiresAt })
            .ToListAsync(cancellationToken))
            .ToLookup(i => i.OrganisationId);

        return organisations.ToDictionary(o => o.Id, o =>
        {
            var own = answers[o.Id].ToList();
            var progress = AnswerProgress.Of(
                frameworks[o.RoundId].FindGroup(o.GroupCode),
                own.Select(a => new Answer { OrganisationId = a.OrganisationId, IndicatorCode = a.IndicatorCode, Value = a.Value }));
            var lastAnswer = own.Where(a => a.UpdatedAt is not null).Select(a => a.UpdatedAt).DefaultIfEmpty().Max();
            var links = invitations[o.Id].ToList();
            var expiry = links.Where(i => i.ExpiresAt > now).Select(i => (DateTimeOffset?)i.ExpiresAt).DefaultIfEmpty().Max();
            var expired = links.Where(i => i.ExpiresAt <= now).Select(i => (DateTimeOffset?)i.ExpiresAt).DefaultIfEmpty().Max();
            return QuestionnaireStatus.Of(o.SubmittedAt, o.ValidatedAt, progress, lastAnswer, expiry, expired);
        });
    }
}
