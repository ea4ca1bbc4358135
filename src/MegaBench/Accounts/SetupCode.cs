namespace MegaBench.Accounts;

/// <summary>
/// The one-time code that creates the first administrator on a database with no account. Stored as a
/// hash in the database (not in process memory) so that any app instance accepts it, once.
/// </summary>
public sealed class SetupCode
{
    public int Id { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
