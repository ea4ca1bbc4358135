using MegaBench.Data;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.OpenData;

/// <summary>Publishing a network's open data as a new release, and reading releases back.</summary>
public static class OpenDataReleases
{
    /// <summary>
    /// Writes the network's open data as its next release, under the network's licence and citation as they stand,
    /// in one <c>SaveChanges</c> (audited). Null when the network has no published round: there is nothing to publish.
    /// </summary>
    /// <exception cref="Reports.NetworkNotFoundException">No network has that id.</exception>
    public static async Task<OpenDataRelease?> PublishAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken)
            ?? throw new Reports.NetworkNotFoundException(networkId);
        var number = 1 + (await db.OpenDataReleases.Where(r => r.NetworkId == networkId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0);
        var publishedAt = db.Clock.GetUtcNow();
        // Whole seconds: what Last-Modified can say, so that If-Modified-Since compares equal.
        publishedAt = new DateTimeOffset(publishedAt.Ticks - (publishedAt.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var package = await OpenDataPackage.BuildAsync(db, network, number, publishedAt, cancellationToken);
        if (package is null)
        {
            return null;
        }

        var release = new OpenDataRelease
        {
            NetworkId = networkId,
            Number = number,
            PublishedAt = publishedAt,
            Licence = (OpenLicence.Find(network.OpenDataLicence) ?? OpenLicence.Default).Id,
            Citation = network.OpenDataCitation,
            Rounds = package.Rounds,
        };
        release.Files.AddRange(package.Files.Select(f => new OpenDataFile { Name = f.Name, ContentType = f.ContentType, Sha256 = f.Sha256, Content = f.Content }));
        db.OpenDataReleases.Add(release);
        await db.SaveChangesAsync(cancellationToken);
        return release;
    }

    /// <summary>What is wrong with licence and citation terms, if anything (<see cref="CheckTerms"/>).</summary>
    public enum TermsProblem
    {
        /// <summary>The licence is not one of <see cref="OpenLicence.All"/>.</summary>
        UnknownLicence,

        /// <summary>The citation is longer than <see cref="Rounds.TextLimits.OpenDataCitation"/>.</summary>
        CitationTooLong,
    }

    /// <summary>The problems of a licence and citation that the next release would carry; empty when they can be saved.</summary>
    public static IReadOnlyList<TermsProblem> CheckTerms(string? licence, string? citation)
    {
        var problems = new List<TermsProblem>();
        if (OpenLicence.Find(licence) is null)
        {
            problems.Add(TermsProblem.UnknownLicence);
        }

        if (CleanCitation(citation) is { Length: > Rounds.TextLimits.OpenDataCitation })
        {
            problems.Add(TermsProblem.CitationTooLong);
        }

        return problems;
    }

    /// <summary>
    /// Saves the licence and citation that the network's next release will carry (audited), after
    /// <see cref="CheckTerms"/> found nothing; a blank citation is none.
    /// </summary>
    /// <exception cref="Reports.NetworkNotFoundException">No network has that id.</exception>
    /// <exception cref="ArgumentException">The terms have a problem that <see cref="CheckTerms"/> names.</exception>
    public static async Task SetTermsAsync(MegaBenchDbContext db, int networkId, string licence, string? citation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (CheckTerms(licence, citation) is [var problem, ..])
        {
            throw new ArgumentException($"The open-data terms cannot be saved: {problem}.", nameof(licence));
        }

        var network = await db.Networks.SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken)
            ?? throw new Reports.NetworkNotFoundException(networkId);
        network.OpenDataLicence = licence;
        network.OpenDataCitation = CleanCitation(citation);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? CleanCitation(string? citation) => string.IsNullOrWhiteSpace(citation) ? null : citation.Trim();

    /// <summary>The network's releases, newest first, without their files' bytes.</summary>
    public static async Task<IReadOnlyList<ReleaseSummary>> ListAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var releases = await db.OpenDataReleases.AsNoTracking()
            .Where(r => r.NetworkId == networkId)
            .OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.PublishedAt, r.Licence, r.Citation, r.Rounds, Files = r.Files.Select(f => f.Name).ToList() })
            .ToListAsync(cancellationToken);
        return [.. releases.Select(r => new ReleaseSummary(
            r.Number, r.PublishedAt, OpenLicence.Find(r.Licence) ?? OpenLicence.Unlisted(r.Licence), r.Citation, r.Rounds,
            [.. r.Files.OrderBy(f => f == OpenDataPackage.DescriptorName ? 0 : 1).ThenBy(f => OpenDataPackage.Resources.ToList().FindIndex(x => x.FileName == f))]))];
    }

    /// <summary>One file of a release with its release's date; null when there is no such release or file.</summary>
    public static Task<StoredFile?> FileAsync(MegaBenchDbContext db, int networkId, int number, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.OpenDataFiles.AsNoTracking()
            .Where(f => f.Release!.NetworkId == networkId && f.Release.Number == number && f.Name == name)
            .Select(f => new StoredFile(f.Name, f.ContentType, f.Sha256, f.Content, f.Release!.PublishedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The number of the network's newest release; null before the first.</summary>
    public static Task<int?> LatestAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.OpenDataReleases.Where(r => r.NetworkId == networkId).MaxAsync(r => (int?)r.Number, cancellationToken);
    }

    public sealed record ReleaseSummary(int Number, DateTimeOffset PublishedAt, OpenLicence Licence, string? Citation, int Rounds, IReadOnlyList<string> Files);

    public sealed record StoredFile(string Name, string ContentType, string Sha256, byte[] Content, DateTimeOffset PublishedAt);
}
