using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Admin.People;

/// <summary>
/// What an administrator may see and do about people, from their <see cref="Grants"/>: the networks they
/// administer (every network for an administrator of all), those networks' cities, and the accounts with a
/// role in them.
/// </summary>
/// <remarks>The rules (who may give which role, see whom, and issue a set-password link) are <see cref="Grants"/>'s.</remarks>
public sealed class PeopleDirectory(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer)
{
    public Grants Grants => access.Grants;

    public async Task<List<NetworkOption>> NetworksAsync(CancellationToken cancellationToken)
    {
        var networks = await db.Networks.AsNoTracking().OrderBy(n => n.Name).Select(n => new { n.Id, n.Name }).ToListAsync(cancellationToken);
        var cities = await db.Cities.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.NetworkId }).ToListAsync(cancellationToken);
        return [.. networks
            .Where(n => Grants.CanAdministerNetwork(n.Id))
            .Select(n => new NetworkOption(n.Id, n.Name, [.. cities.Where(c => c.NetworkId == n.Id).Select(c => new CityOption(c.Id, c.Name, n.Id, n.Name))]))];
    }

    /// <summary>The accounts with a role in the caller's networks (every account for an administrator of all networks).</summary>
    public async Task<List<Person>> PeopleAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.ErasedAt == null)
            .Include(u => u.Assignments).ThenInclude(a => a.Network)
            .Include(u => u.Assignments).ThenInclude(a => a.City).ThenInclude(c => c!.Network)
            .AsSplitQuery()
            .OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
        return [.. users.Select(ToPerson).Where(p => p.Visible)];
    }

    public async Task<Person?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Include(u => u.Assignments).ThenInclude(a => a.Network)
            .Include(u => u.Assignments).ThenInclude(a => a.City).ThenInclude(c => c!.Network)
            .AsSplitQuery()
            .SingleOrDefaultAsync(u => u.Id == userId && u.ErasedAt == null, cancellationToken);
        return user is null || ToPerson(user) is not { Visible: true } person ? null : person;
    }

    /// <summary>A set-password link for the account: Identity's password-reset token, valid once and for a few days.</summary>
    public static async Task<string> SetPasswordLinkAsync(UserManager<AppUser> users, AppUser user, HttpRequest request)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"{request.Scheme}://{request.Host}/account/set-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
    }

    /// <summary>Within the caller's networks (<see cref="Grants.HoldsWithinReach"/>); the assignment's city must be loaded.</summary>
    public bool IsWithinReach(RoleAssignment assignment) => assignment.Role switch
    {
        AccountRole.CityCoordinator => assignment.City is { } city && Grants.HoldsWithinReach(assignment.Role, city.NetworkId),
        _ => Grants.HoldsWithinReach(assignment.Role, assignment.NetworkId),
    };

    private Person ToPerson(AppUser user)
    {
        var roles = user.Assignments.Select(a => new Role(a.Id, Describe(a), IsWithinReach(a))).OrderBy(r => r.Text, StringComparer.Ordinal).ToList();
        var reach = roles.Select(r => r.WithinReach).ToList();
        var visible = Grants.CanSeePerson(reach);
        var manageable = Grants.CanTakeOverAccount(reach);
        return new Person(user.Id, user.Email ?? "", user.DisplayName, user.PasswordHash is not null, user.LockoutEnd > DateTimeOffset.UtcNow, roles, visible, manageable);
    }

    private string Describe(RoleAssignment assignment) => assignment switch
    {
        { Role: AccountRole.NetworkAdministrator, NetworkId: null } => localizer["Administrator of every network"],
        { Role: AccountRole.NetworkAdministrator, Network: { } network } => localizer["Administrator of {0}", network.Name],
        { Role: AccountRole.CityCoordinator, City: { } city } => localizer["Coordinator of {0} ({1})", city.Name, city.Network?.Name ?? ""],
        _ => assignment.Role.ToString(),
    };

    public sealed record NetworkOption(int Id, string Name, IReadOnlyList<CityOption> Cities);

    public sealed record CityOption(int Id, string Name, int NetworkId, string NetworkName);

    public sealed record Role(int AssignmentId, string Text, bool WithinReach);

    /// <param name="CanIssueLink">Whether the caller may issue a set-password link for the account (see the class remarks).</param>
    public sealed record Person(string Id, string Email, string? DisplayName, bool HasPassword, bool IsLockedOut, IReadOnlyList<Role> Roles, bool Visible, bool CanIssueLink);
}
