using MegaBench.Rounds;

namespace MegaBench.Questionnaires;

/// <summary>
/// An organisation's questionnaire link: whoever holds the token may answer for that organisation, in its
/// round only, without an account. Only the SHA-256 of the token is stored (see <see cref="Accounts.Secrets"/>);
/// the token itself is shown once, when the invitation is issued.
/// </summary>
/// <remarks>
/// An organisation has at most one active invitation (not revoked, not expired): issuing a new one revokes
/// the previous one, so a coordinator who re-sends a link knows the old one stops working.
/// </remarks>
public sealed class Invitation
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>The lower-case hex SHA-256 of the token (64 characters); unique.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The link stops working at this instant.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Who issued it, as the audit trail names them.</summary>
    public required string CreatedBy { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
