using MegaBench.Networks;

namespace MegaBench.OpenData;

/// <summary>
/// One publication of a network's open data: release <see cref="Number"/> (1, 2, …) with its files as they were
/// written. A release is never changed: a later change of a round goes into the next release, so the addresses of
/// this one keep serving the same bytes.
/// </summary>
public sealed class OpenDataRelease
{
    public int Id { get; set; }

    public int NetworkId { get; set; }

    public Network? Network { get; set; }

    /// <summary>1 for the network's first release, then one more for each.</summary>
    public int Number { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The SPDX id of the licence at publication (<see cref="OpenLicence"/>).</summary>
    public required string Licence { get; set; }

    public string? Citation { get; set; }

    /// <summary>How many rounds (one per city: its latest published) the release holds.</summary>
    public int Rounds { get; set; }

    public List<OpenDataFile> Files { get; } = [];
}

/// <summary>A file of a release: <c>datapackage.json</c> or one resource's CSV, stored whole.</summary>
public sealed class OpenDataFile
{
    public int Id { get; set; }

    public int ReleaseId { get; set; }

    public OpenDataRelease? Release { get; set; }

    /// <summary>The file name in the release's address, e.g. <c>answers.csv</c>.</summary>
    public required string Name { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The SHA-256 of <see cref="Content"/>, lower-case hex: the file's ETag and the package's <c>hash</c>.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }
}
