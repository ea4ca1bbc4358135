using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Data;

/// <summary>
/// The benchmark database. Pages, endpoints and commands use this type; the provider subclasses
/// (<see cref="SqliteMegaBenchDbContext"/>, <see cref="PostgresMegaBenchDbContext"/>) exist only so
/// that each provider has its own migration set.
/// </summary>
public abstract class MegaBenchDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StoredFramework> Frameworks => Set<StoredFramework>();

    public DbSet<Network> Networks => Set<Network>();

    public DbSet<City> Cities => Set<City>();

    public DbSet<Round> Rounds => Set<Round>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Answer> Answers => Set<Answer>();

    public DbSet<NarrativeSection> NarrativeSections => Set<NarrativeSection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredFramework>(e =>
        {
            e.Property(f => f.FrameworkId).HasMaxLength(100);
            e.Property(f => f.Version).HasMaxLength(50);
            e.Property(f => f.ContentHash).HasMaxLength(64);
            e.HasIndex(f => new { f.FrameworkId, f.Version }).IsUnique();
        });

        modelBuilder.Entity<Network>(e =>
        {
            e.Property(n => n.Name).HasMaxLength(200);
            e.HasIndex(n => n.Name).IsUnique();
            e.HasMany(n => n.Cities).WithOne(c => c.Network).HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<City>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Country).HasMaxLength(100);
            e.HasIndex(c => new { c.NetworkId, c.Name }).IsUnique();
            e.HasMany(c => c.Rounds).WithOne(r => r.City).HasForeignKey(r => r.CityId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Round>(e =>
        {
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(r => new { r.CityId, r.Year }).IsUnique();
            e.HasOne(r => r.Framework).WithMany().HasForeignKey(r => r.StoredFrameworkId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Organisations).WithOne(o => o.Round).HasForeignKey(o => o.RoundId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Narrative).WithOne(n => n.Round).HasForeignKey(n => n.RoundId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Organisation>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.GroupCode).HasMaxLength(20);
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(o => o.Website).HasMaxLength(500);
            e.HasIndex(o => new { o.RoundId, o.Name }).IsUnique();
            e.HasMany(o => o.Answers).WithOne(a => a.Organisation).HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Answer>(e =>
        {
            e.Property(a => a.IndicatorCode).HasMaxLength(40);
            e.Property(a => a.Value).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.UpdatedBy).HasMaxLength(200);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => new { a.OrganisationId, a.IndicatorCode }).IsUnique();
        });

        modelBuilder.Entity<NarrativeSection>(e =>
        {
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
            e.HasIndex(n => new { n.RoundId, n.Kind }).IsUnique();
        });
    }
}

/// <summary>The SQLite flavour, with its own migrations under <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteMegaBenchDbContext(DbContextOptions<SqliteMegaBenchDbContext> options) : MegaBenchDbContext(options);

/// <summary>The PostgreSQL flavour, with its own migrations under <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresMegaBenchDbContext(DbContextOptions<PostgresMegaBenchDbContext> options) : MegaBenchDbContext(options);
