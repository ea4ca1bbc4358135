using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Networks;
using MegaBench.Practices;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MegaBench.Audit;

/// <summary>
/// Turns the tracked changes of a save into <see cref="AuditEntry"/> rows. Every change to a network,
/// city, round, organisation, answer, narrative section, practice, questionnaire invitation or learning-cycle object
/// (cycle, review, topic, message, evidence, meeting, action, progress note) is recorded, whichever page, endpoint or
/// command made it, because the recording sits in <c>SaveChanges</c> and not in each caller.
/// </summary>
internal static class AuditRecorder
{
    /// <summary>How before/after values are written (erasure rewrites them with the same).</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static bool IsAudited(object entity) =>
        entity is Network or City or Round or Organisation or Answer or NarrativeSection or Practice or Invitation
            or LearningCycle or PeerReview or ReviewTopic or ReviewMessage or ReviewEvidence or VisitMeeting or ReviewAction or ActionProgressNote
            or OpenData.OpenDataRelease or OpenData.OpenDataFile;

    /// <summary>A pending record: the entry, and for an insert the tracked object whose key the database assigns.</summary>
    public sealed record Pending(EntityEntry Entry, AuditAction Action, string? Before, string? After);

    public static List<Pending> Collect(DbContext db)
    {
        var pending = new List<Pending>();
        var summarise = db is MegaBenchDbContext { AuditInsertedRoundsAsOneEntry: true };
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (!IsAudited(entry.Entity))
            {
                continue;
            }

            // An imported round and the rows it brings are recorded by its writer as one entry (see MegaBenchDbContext.AuditInsertedRoundsAsOneEntry).
            if (summarise && entry.State == EntityState.Added && entry.Entity is Round or Organisation or Answer or NarrativeSection)
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(new Pending(entry, AuditAction.Created, null, null));
                    break;
                case EntityState.Modified when entry.Properties.Any(p => p.IsModified):
                    pending.Add(new Pending(entry, AuditAction.Updated, Snapshot(entry, original: true), Snapshot(entry, original: false)));
                    break;
                case EntityState.Deleted:
                    pending.Add(new Pending(entry, AuditAction.Deleted, Snapshot(entry, original: true), null));
                    break;
            }
        }

        return pending;
    }

    /// <summary>Builds the rows once keys are known (after the changes themselves were saved).</summary>
    public static IEnumerable<AuditEntry> ToEntries(DbContext db, IEnumerable<Pending> pending, AuditActor actor, DateTimeOffset at) =>
        pending.Select(p => new AuditEntry
        {
            At = at,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            EntityType = p.Entry.Metadata.ClrType.Name,
            EntityId = Key(p.Entry),
            RoundId = RoundOf(db, p.Entry.Entity),
            Action = p.Action,
            Before = p.Before,
            After = p.Action == AuditAction.Created ? Snapshot(p.Entry, original: false) : p.After,
        });

    /// <summary>
    /// The one entry of a round written by <see cref="RoundWriter"/> (the rule is on
    /// <see cref="MegaBenchDbContext.AuditInsertedRoundsAsOneEntry"/>): its creation, with the number of organisations,
    /// answers and narrative sections it brought. The round is tracked and saved, so its key is known.
    /// </summary>
    public static AuditEntry ImportedRound(MegaBenchDbContext db, Round round, int organisations, int answers, int sections) => new()
    {
        At = db.Clock.GetUtcNow(),
        ActorId = db.ActorProvider().UserId,
        ActorName = db.ActorProvider().Name,
        EntityType = nameof(Round),
        EntityId = Key(db.Entry(round)),
        RoundId = round.Id,
        Action = AuditAction.Created,
        After = Snapshot(db.Entry(round), original: false, new()
        {
            ["ImportedOrganisations"] = organisations,
            ["ImportedAnswers"] = answers,
            ["ImportedNarrativeSections"] = sections,
        }),
    };

    private static string Key(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p =>
            Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));

    /// <summary>
    /// The snapshot of an object that is not tracked, in the same form as a tracked one's (every mapped
    /// property, by name): for writers that bypass the change tracker, such as <see cref="AnswerWriter"/>.
    /// </summary>
    internal static string Snapshot(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, object entity) =>
        Serialize(type.GetProperties().Select(property => (property.Name, (property.PropertyInfo
            ?? throw new InvalidOperationException($"{type.ClrType.Name}.{property.Name} is not a CLR property; a snapshot of an untracked object cannot read it."))
            .GetValue(entity))));

    private static string Snapshot(EntityEntry entry, bool original, Dictionary<string, object?>? extra = null) =>
        Serialize(entry.Properties
            .Where(property => property.Metadata.Name != ChangeStamps.Property)
            .Select(property => (property.Metadata.Name, original ? property.OriginalValue : property.CurrentValue))
            .Concat((extra ?? []).Select(pair => (pair.Key, pair.Value))));

    /// <summary>Every snapshot's form: a JSON object of the values by name, in ordinal order of the names.</summary>
    private static string Serialize(IEnumerable<(string Name, object? Value)> values)
    {
        var sorted = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            // A file's bytes (review evidence) are recorded by their size: the trail says what changed, it is not a file store.
            sorted[name] = value is byte[] bytes ? $"{bytes.Length} bytes" : value;
        }

        return JsonSerializer.Serialize(sorted, Json);
    }

    internal static int? RoundOf(DbContext db, object entity) => entity switch
    {
        Round round => round.Id,
        Organisation organisation => organisation.RoundId,
        NarrativeSection section => section.RoundId,
        Answer answer => answer.Organisation?.RoundId ?? RoundOfOrganisation(db, answer.OrganisationId),
        Invitation invitation => invitation.Organisation?.RoundId ?? RoundOfOrganisation(db, invitation.OrganisationId),
        // A review's changes are filed under the host's round it rests on, so that the network's audit trail holds them.
        PeerReview review => review.HostRoundId,
        ReviewTopic topic => RoundOfReview(db, topic.ReviewId),
        ReviewMessage message => RoundOfReview(db, message.Topic?.ReviewId ?? db.Set<ReviewTopic>().Where(t => t.Id == message.TopicId).Select(t => t.ReviewId).FirstOrDefault()),
        ReviewEvidence evidence => RoundOfReview(db, evidence.ReviewId),
        VisitMeeting meeting => RoundOfReview(db, meeting.ReviewId),
        ReviewAction action => RoundOfReview(db, action.ReviewId),
        ActionProgressNote note => RoundOfReview(db, note.Action?.ReviewId ?? db.Set<ReviewAction>().Where(a => a.Id == note.ActionId).Select(a => a.ReviewId).FirstOrDefault()),
        _ => null,
    };

    private static int? RoundOfReview(DbContext db, int reviewId) =>
        db.Set<PeerReview>().Local.FirstOrDefault(r => r.Id == reviewId)?.HostRoundId
        ?? db.Set<PeerReview>().Where(r => r.Id == reviewId).Select(r => (int?)r.HostRoundId).FirstOrDefault();

    private static int? RoundOfOrganisation(DbContext db, int organisationId) =>
        db.Set<Organisation>().Local.FirstOrDefault(o => o.Id == organisationId)?.RoundId
        ?? db.Set<Organisation>().Where(o => o.Id == organisationId).Select(o => (int?)o.RoundId).FirstOrDefault();
}
