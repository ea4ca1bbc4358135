namespace MegaBench.Frameworks;

/// <summary>
/// A framework version as stored in the database: the exact definition a round was benchmarked against.
/// </summary>
/// <remarks>
/// (<see cref="FrameworkId"/>, <see cref="Version"/>) is unique. <see cref="Definition"/> is the canonical
/// JSON of the framework and <see cref="ContentHash"/> its SHA-256: a file edited without a new version
/// number is refused, so a stored version never changes meaning.
/// </remarks>
public sealed class StoredFramework
{
    public int Id { get; set; }

    public required string FrameworkId { get; set; }

    public required string Version { get; set; }

    public required string ContentHash { get; set; }

    public required string Definition { get; set; }

    public DateTimeOffset StoredAt { get; set; }
}
