using Microsoft.AspNetCore.Identity;

namespace MegaBench.Accounts;

/// <summary>
/// A person with an account: a network administrator or a city coordinator. Respondents have no account
/// (they answer through their organisation's link) and readers are anonymous.
/// </summary>
/// <remarks>
/// The e-mail address and display name are the only personal data held about an account holder;
/// erasing an account replaces both with a pseudonym and keeps the row, so that the audit trail still
/// reads "who" consistently without naming the person.
/// </remarks>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the person's data was erased; the account can no longer sign in.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public List<RoleAssignment> Assignments { get; } = [];
}
