namespace MegaBench.Audit;

/// <summary>Who makes a change, as the audit trail records it.</summary>
public sealed record AuditActor(string? UserId, string Name)
{
    public static AuditActor System { get; } = new(null, "system");

    public static AuditActor CommandLine { get; } = new(null, "command line");
}
