namespace MegaBench.Accounts;

/// <summary>
/// A personal API token for scripts. It acts exactly as its owner would (same roles, same scopes).
/// Only the SHA-256 of the secret is stored; the secret is shown once, when it is created.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, to recognise it in a list.</summary>
    public required string Prefix { get; set; }

    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
