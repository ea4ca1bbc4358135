namespace MegaBench.Audit;

/// <summary>
/// One recorded change: who, when, which object, and its values before and after (JSON of the changed
/// object's fields). Written in the same transaction as the change itself, so neither exists without the other.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The account id, or null for a respondent link, the command line or the system.</summary>
    public string? ActorId { get; set; }

    /// <summary>As shown in histories: a display name, "respondent (link …)", "command line", or a pseudonym after erasure.</summary>
    public required string ActorName { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    /// <summary>The round the object belongs to, when it belongs to one: lets a coordinator read a round's trail.</summary>
    public int? RoundId { get; set; }

    public AuditAction Action { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}
