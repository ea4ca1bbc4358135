using MegaBench.Accounts;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Networks;
using MegaBench.Practices;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace MegaBench.Data;

/// <summary>
/// The benchmark database. Pages, endpoints and commands use this type; the provider subclasses
/// (<see cref="SqliteMegaBenchDbContext"/>, <see cref="PostgresMegaBenchDbContext"/>) exist only so
/// that each provider has its own migration set. Accounts (ASP.NET Core Identity) and the app's
/// data-protection keys live in the same database, so several app instances share them.
/// </summary>
public abstract class MegaBenchDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Who is making the changes being saved; read at each save. The web app binds it to the request's user.</summary>
    public Func<AuditActor> ActorProvider { get; set; } = () => AuditActor.System;

    /// <summary>
    /// The audit rule of an imported round (a round file or a network file, <see cref="RoundWriter"/>): a round inserted
    /// is recorded as one entry, its creation, with the number of organisations, answers and narrative sections it
    /// brought (<see cref="AuditRecorder.ImportedRound"/>, written by the writer once its rows are in); those inserted
    /// rows are not recorded one by one. Their trail starts with their first change after the import. Changes and
    /// deletions are recorded as always. Set by the writer around its own save only.
    /// </summary>
    public bool AuditInsertedRoundsAsOneEntry { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// The cache of results computed from stored data, kept under the change stamp they were computed at
    /// (<see cref="ChangeStamps"/>); the app's container sets it, and without it (the command line, tests) every result is computed.
    /// </summary>
    public HybridCache? ResultCache { get; set; }

    /// <summary>
    /// A new context on the same database with the same options, outside the pool, and so its own connection: for
    /// reading beside this context on another thread (<see cref="Reports.NetworkScores"/>), or after this context went
    /// back to the pool (<see cref="StampedResults"/>). It sees only what is committed, and its caller disposes of it.
    /// Its actor, clock and result cache are the defaults, not this context's.
    /// </summary>
    public abstract MegaBenchDbContext NewReader();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<SetupCode> SetupCodes => Set<SetupCode>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredFramework> Frameworks => Set<StoredFramework>();

    public DbSet<Network> Networks => Set<Network>();

    public DbSet<City> Cities => Set<City>();

    public DbSet<Round> Rounds => Set<Round>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Answer> Answers => Set<Answer>();

    public DbSet<NarrativeSection> NarrativeSections => Set<NarrativeSection>();

    public DbSet<Practice> Practices => Set<Practice>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<LearningCycle> LearningCycles => Set<LearningCycle>();

    public DbSet<PeerReview> PeerReviews => Set<PeerReview>();

    public DbSet<ReviewTopic> ReviewTopics => Set<ReviewTopic>();

    public DbSet<ReviewMessage> ReviewMessages => Set<ReviewMessage>();

    public DbSet<ReviewEvidence> ReviewEvidence => Set<ReviewEvidence>();

    public DbSet<VisitMeeting> VisitMeetings => Set<VisitMeeting>();

    public DbSet<ReviewAction> ReviewActions => Set<ReviewAction>();

    public DbSet<ActionProgressNote> ActionProgressNotes => Set<ActionProgressNote>();

    public DbSet<OpenData.OpenDataRelease> OpenDataReleases => Set<OpenData.OpenDataRelease>();

    public DbSet<OpenData.OpenDataFile> OpenDataFiles => Set<OpenData.OpenDataFile>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e => e.Property(u => u.DisplayName).HasMaxLength(200));

        builder.Entity<RoleAssignment>(e =>
        {
            e.Property(a => a.Role).HasConversion<string>().HasMaxLength(40);
            e.HasOne(a => a.User).WithMany(u => u.Assignments).HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.Network).WithMany().HasForeignKey(a => a.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.City).WithMany().HasForeignKey(a => a.CityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.UserId, a.Role, a.NetworkId, a.CityId }).IsUnique();
        });

        builder.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(20);
            e.Property(t => t.SecretHash).HasMaxLength(64);
            e.HasIndex(t => t.SecretHash).IsUnique();
            e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SetupCode>(e => e.Property(c => c.CodeHash).HasMaxLength(64));

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.ActorId).HasMaxLength(450);
            e.Property(a => a.ActorName).HasMaxLength(200);
            e.Property(a => a.EntityType).HasMaxLength(50);
            e.Property(a => a.EntityId).HasMaxLength(100);
            e.Property(a => a.Action).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
            e.HasIndex(a => a.RoundId);
            e.HasIndex(a => a.ActorId);
        });
        builder.Entity<StoredFramework>(e =>
        {
            e.Property(f => f.FrameworkId).HasMaxLength(100);
            e.Property(f => f.Version).HasMaxLength(50);
            e.Property(f => f.ContentHash).HasMaxLength(64);
            e.HasIndex(f => new { f.FrameworkId, f.Version }).IsUnique();
        });

        builder.Entity<Network>(e =>
        {
            e.Property(n => n.Name).HasMaxLength(TextLimits.NetworkName);
            e.HasIndex(n => n.Name).IsUnique();
            e.HasMany(n => n.Cities).WithOne(c => c.Network).HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.Property(n => n.OpenDataLicence).HasMaxLength(50).HasDefaultValue(OpenData.OpenLicence.Default.Id);
            e.Property(n => n.OpenDataCitation).HasMaxLength(TextLimits.OpenDataCitation);
        });

        builder.Entity<OpenData.OpenDataRelease>(e =>
        {
            e.HasOne(r => r.Network).WithMany().HasForeignKey(r => r.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.NetworkId, r.Number }).IsUnique();
            e.Property(r => r.Licence).HasMaxLength(50);
            e.Property(r => r.Citation).HasMaxLength(TextLimits.OpenDataCitation);
            e.HasMany(r => r.Files).WithOne(f => f.Release).HasForeignKey(f => f.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OpenData.OpenDataFile>(e =>
        {
            e.Property(f => f.Name).HasMaxLength(100);
            e.Property(f => f.ContentType).HasMaxLength(100);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.HasIndex(f => new { f.ReleaseId, f.Name }).IsUnique();
        });

        builder.Entity<City>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(TextLimits.CityName);
            e.Property(c => c.Country).HasMaxLength(TextLimits.Country);
            e.HasIndex(c => new { c.NetworkId, c.Name }).IsUnique();
            e.HasMany(c => c.Rounds).WithOne(r => r.City).HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Round>(e =>
        {
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(r => new { r.CityId, r.Year }).IsUnique();
            e.HasOne(r => r.Framework).WithMany().HasForeignKey(r => r.StoredFrameworkId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Organisations).WithOne(o => o.Round).HasForeignKey(o => o.RoundId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Narrative).WithOne(n => n.Round).HasForeignKey(n => n.RoundId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Organisation>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(TextLimits.OrganisationName);
            e.Property(o => o.GroupCode).HasMaxLength(TextLimits.GroupCode);
            e.Property(o => o.Kind).HasMaxLength(40);
            e.Property(o => o.Website).HasMaxLength(TextLimits.Website);
            e.Property(o => o.SubmittedBy).HasMaxLength(200);
            e.Property(o => o.ContactEmail).HasMaxLength(TextLimits.ContactEmail);
            e.Property(o => o.ValidatedBy).HasMaxLength(200);
            e.Property(o => o.ValidationOverride).HasMaxLength(TextLimits.ValidationOverride);
            e.HasIndex(o => new { o.RoundId, o.Name }).IsUnique();
            e.HasMany(o => o.Answers).WithOne(a => a.Organisation).HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(o => o.Invitations).WithOne(i => i.Organisation).HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Invitation>(e =>
        {
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.Property(i => i.CreatedBy).HasMaxLength(200);
            e.HasIndex(i => i.TokenHash).IsUnique();
        });

        builder.Entity<Answer>(e =>
        {
            e.Property(a => a.IndicatorCode).HasMaxLength(40);
            e.Property(a => a.Value).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.UpdatedBy).HasMaxLength(200);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => new { a.OrganisationId, a.IndicatorCode }).IsUnique();
        });

        builder.Entity<Practice>(e =>
        {
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Organisation).HasMaxLength(200);
            e.Property(p => p.Link).HasMaxLength(500);
            e.Property(p => p.Language).HasMaxLength(10);
            e.Property(p => p.Themes).HasMaxLength(500);
            e.HasOne(p => p.City).WithMany().HasForeignKey(p => p.CityId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureLearning(builder);
        ChangeStamps.Configure(builder);

        builder.Entity<NarrativeSection>(e =>
        {
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
            e.HasIndex(n => new { n.RoundId, n.Kind }).IsUnique();
        });
    }

    /// <remarks>
    /// A cycle's reviews point at cities and rounds with Restrict: a city or round that a cycle rests on cannot be
    /// deleted from under it (deleting is refused with the cycle named, see <c>CycleRules</c>). Everything
    /// inside a review goes with the review.
    /// </remarks>
    private static void ConfigureLearning(ModelBuilder builder)
    {
        builder.Entity<LearningCycle>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(LearningCycle.NameMaxLength);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.ExcludedPairs).HasMaxLength(4000);
            e.Property(c => c.ForcedPairs).HasMaxLength(4000);
            e.HasOne(c => c.Network).WithMany().HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.NetworkId, c.Name }).IsUnique();
            e.HasMany(c => c.Reviews).WithOne(r => r.Cycle).HasForeignKey(r => r.CycleId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PeerReview>(e =>
        {
            e.Property(r => r.GapThemes).HasMaxLength(2000);
            e.Property(r => r.VisitPlace).HasMaxLength(CycleRules.ShortTextMaxLength);
            e.HasOne(r => r.HostCity).WithMany().HasForeignKey(r => r.HostCityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(r => r.ReviewerCity).WithMany().HasForeignKey(r => r.ReviewerCityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(r => r.HostRound).WithMany().HasForeignKey(r => r.HostRoundId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(r => r.ReviewerRound).WithMany().HasForeignKey(r => r.ReviewerRoundId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.CycleId, r.HostCityId }).IsUnique();
            e.HasMany(r => r.Topics).WithOne(t => t.Review).HasForeignKey(t => t.ReviewId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Evidence).WithOne(t => t.Review).HasForeignKey(t => t.ReviewId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Meetings).WithOne(t => t.Review).HasForeignKey(t => t.ReviewId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Actions).WithOne(t => t.Review).HasForeignKey(t => t.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReviewTopic>(e =>
        {
            e.Property(t => t.Title).HasMaxLength(ReviewTopic.TitleMaxLength);
            e.Property(t => t.ThemeCode).HasMaxLength(100);
            e.Property(t => t.IndicatorCode).HasMaxLength(40);
            e.HasMany(t => t.Messages).WithOne(m => m.Topic).HasForeignKey(m => m.TopicId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReviewMessage>(e => e.Property(m => m.Side).HasConversion<string>().HasMaxLength(20));

        builder.Entity<ReviewEvidence>(e =>
        {
            e.Property(v => v.Side).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.Title).HasMaxLength(CycleRules.ShortTextMaxLength);
            e.Property(v => v.Url).HasMaxLength(500);
            e.Property(v => v.FileName).HasMaxLength(255);
            e.Property(v => v.ContentType).HasMaxLength(100);
            e.HasOne<ReviewTopic>().WithMany().HasForeignKey(v => v.TopicId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<VisitMeeting>(e =>
        {
            e.Property(m => m.OrganisationName).HasMaxLength(CycleRules.ShortTextMaxLength);
            e.Property(m => m.Themes).HasMaxLength(2000);
            e.Property(m => m.Participants).HasMaxLength(CycleRules.ShortTextMaxLength);
            e.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ReviewAction>(e =>
        {
            e.Property(a => a.Title).HasMaxLength(ReviewAction.TitleMaxLength);
            e.Property(a => a.Statements).HasMaxLength(4000);
            e.Property(a => a.Themes).HasMaxLength(2000);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Notes).WithOne(n => n.Action).HasForeignKey(n => n.ActionId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>
    /// An answer carried over from an earlier round loses its mark on any save that gives it a new version: the
    /// organisation has confirmed or changed it. (The autosave writer, which bypasses EF, clears it in its UPDATE.)
    /// </summary>
    private void ClearCarriedOverMarks()
    {
        foreach (var entry in ChangeTracker.Entries<Answer>())
        {
            if (entry.State == EntityState.Modified && entry.Property(a => a.Version).IsModified && entry.Entity.CarriedOverFrom is not null
                && !entry.Property(a => a.CarriedOverFrom).IsModified)
            {
                entry.Entity.CarriedOverFrom = null;
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ClearCarriedOverMarks();
        var pending = AuditRecorder.Collect(this);
        var stamped = ChangeStamps.Collect(this);
        if (pending.Count == 0 && stamped.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var count = base.SaveChanges(acceptAllChangesOnSuccess: true);
        ChangeStamps.Raise(this, stamped);
        AuditEntries.AddRange(AuditRecorder.ToEntries(this, pending, ActorProvider(), Clock.GetUtcNow()));
        base.SaveChanges(acceptAllChangesOnSuccess: true);
        transaction?.Commit();
        return count;
    }

    /// <remarks>
    /// A save that changes audited objects runs in one transaction with its audit rows and the change stamps it
    /// raises (<see cref="ChangeStamps"/>): first the changes (so that new rows get their keys), then the stamps and the
    /// audit entries. Either all are stored or none.
    /// </remarks>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ClearCarriedOverMarks();
        var pending = AuditRecorder.Collect(this);
        var stamped = ChangeStamps.Collect(this);
        if (pending.Count == 0 && stamped.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
        await ChangeStamps.RaiseAsync(this, stamped, cancellationToken);
        AuditEntries.AddRange(AuditRecorder.ToEntries(this, pending, ActorProvider(), Clock.GetUtcNow()));
        await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return count;
    }
}

/// <summary>The SQLite flavour, with its own migrations under <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteMegaBenchDbContext(DbContextOptions<SqliteMegaBenchDbContext> options) : MegaBenchDbContext(options)
{
    public override MegaBenchDbContext NewReader() => new SqliteMegaBenchDbContext(options);
}

/// <summary>The PostgreSQL flavour, with its own migrations under <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresMegaBenchDbContext(DbContextOptions<PostgresMegaBenchDbContext> options) : MegaBenchDbContext(options)
{
    public override MegaBenchDbContext NewReader() => new PostgresMegaBenchDbContext(options);
}
