using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Admin.People;

/// <summary>One account: assign or unassign cities, make an administrator of a network, issue a set-password link.</summary>
[Authorize]
public sealed class PersonModel(MegaBenchDbContext db, UserManager<AppUser> users, PeopleDirectory directory, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public PeopleDirectory.Person Person { get; private set; } = null!;

    public IReadOnlyList<PeopleDirectory.NetworkOption> Networks { get; private set; } = [];

    public string? Link { get; private set; }

    public bool CanAppointAdministrators => access.CanCreateNetworks;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAssignAsync(string id, int cityId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Networks.SelectMany(n => n.Cities).FirstOrDefault(c => c.Id == cityId) is not { } city)
        {
            ModelState.AddModelError(string.Empty, localizer["This city is not in a network you administer. Choose one from the list."]);
            return Page();
        }

        if (!await db.RoleAssignments.AnyAsync(a => a.UserId == id && a.Role == AccountRole.CityCoordinator && a.CityId == cityId, cancellationToken))
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = id, Role = AccountRole.CityCoordinator, CityId = cityId });
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Saved"] = localizer["{0} now coordinates {1}.", Person.Email, city.Name].Value;
        return RedirectToPage("/Admin/People/Person", new { id });
    }

    public async Task<IActionResult> OnPostUnassignAsync(string id, int assignmentId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var assignment = await db.RoleAssignments.Include(a => a.City).SingleOrDefaultAsync(a => a.Id == assignmentId && a.UserId == id, cancellationToken);
        if (assignment is null || !directory.IsWithinReach(assignment))
        {
            ModelState.AddModelError(string.Empty, localizer["This role is not one you can remove: it is outside your networks, or was removed already. Reload the page."]);
            return Page();
        }

        if (assignment is { Role: AccountRole.NetworkAdministrator, NetworkId: null }
            && await db.RoleAssignments.CountAsync(a => a.Role == AccountRole.NetworkAdministrator && a.NetworkId == null, cancellationToken) == 1)
        {
            ModelState.AddModelError(string.Empty, localizer["This is the last administrator of every network: appoint another one before removing this role."]);
            return Page();
        }

        db.RoleAssignments.Remove(assignment);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The role was removed from {0}.", Person.Email].Value;
        return RedirectToPage("/Admin/People/Person", new { id });
    }

    public async Task<IActionResult> OnPostAdministratorAsync(string id, int networkId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Appointing administrators belongs to an administrator of every network.
        if (!access.CanCreateNetworks)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (Networks.FirstOrDefault(n => n.Id == networkId) is not { } network)
        {
            ModelState.AddModelError(string.Empty, localizer["This network does not exist. Choose one from the list."]);
            return Page();
        }

        if (!await db.RoleAssignments.AnyAsync(a => a.UserId == id && a.Role == AccountRole.NetworkAdministrator && a.NetworkId == networkId, cancellationToken))
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = id, Role = AccountRole.NetworkAdministrator, NetworkId = networkId });
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Saved"] = localizer["{0} now administers {1}.", Person.Email, network.Name].Value;
        return RedirectToPage("/Admin/People/Person", new { id });
    }

    public async Task<IActionResult> OnPostLinkAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Person.CanIssueLink)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var user = await users.FindByIdAsync(id);
        Link = await PeopleDirectory.SetPasswordLinkAsync(users, user!, Request);
        return Page();
    }

    /// <summary>The account, if the caller administers people and the account has a role in their networks; else the refusal.</summary>
    private async Task<IActionResult?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!access.CanManagePeople)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (await directory.FindAsync(id, cancellationToken) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        Networks = await directory.NetworksAsync(cancellationToken);
        return null;
    }
}
