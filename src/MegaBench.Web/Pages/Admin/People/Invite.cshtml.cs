using System.ComponentModel.DataAnnotations;
using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Admin.People;

/// <summary>
/// Invites a city coordinator: creates the account without a password, assigns the chosen cities of the
/// administrator's networks, and shows a one-time set-password link to pass on (until e-mail sending exists).
/// </summary>
[Authorize]
public sealed class InviteModel(MegaBenchDbContext db, UserManager<AppUser> users, PeopleDirectory directory, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<PeopleDirectory.NetworkOption> Networks { get; private set; } = [];

    /// <summary>The set-password link for the new coordinator, shown once after the invitation.</summary>
    public string? Link { get; private set; }

    public string? Invited { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!access.CanManagePeople)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Networks = await directory.NetworksAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!access.CanManagePeople)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Networks = await directory.NetworksAsync(cancellationToken);
        var reachable = Networks.SelectMany(n => n.Cities).Select(c => c.Id).ToHashSet();
        Input.Email = FormHelpers.Clean(Input.Email);
        Input.DisplayName = FormHelpers.Clean(Input.DisplayName);
        if (Input.CityIds.Count == 0)
        {
            ModelState.AddModelError("Input.CityIds", localizer["Choose at least one city for the coordinator."]);
        }
        else if (!Input.CityIds.All(reachable.Contains))
        {
            ModelState.AddModelError("Input.CityIds", localizer["One of the chosen cities is not in a network you administer. Choose from the list."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByEmailAsync(Input.Email!);
        if (user is null)
        {
            user = new AppUser { UserName = Input.Email, Email = Input.Email, DisplayName = Input.DisplayName, CreatedAt = db.Clock.GetUtcNow() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    ModelState.AddModelError("Input.Email", error.Description);
                }

                return Page();
            }
        }

        var held = await db.RoleAssignments.Where(a => a.UserId == user.Id && a.Role == AccountRole.CityCoordinator).Select(a => a.CityId).ToListAsync(cancellationToken);
        foreach (var cityId in Input.CityIds.Distinct().Where(id => !held.Contains(id)))
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = AccountRole.CityCoordinator, CityId = cityId });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        Invited = user.Email;
        // An account that already has a password keeps it: the person signs in as before.
        Link = user.PasswordHash is null ? await PeopleDirectory.SetPasswordLinkAsync(users, user, Request) : null;
        ModelState.Clear();
        Input = new InviteInput();
        return Page();
    }

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Enter the coordinator's e-mail address; it is the name they sign in with.")]
        [EmailAddress(ErrorMessage = "This is not an e-mail address. Enter one like name@example.org.")]
        [StringLength(256, ErrorMessage = "The e-mail address is too long: use at most {1} characters.")]
        public string? Email { get; set; }

        [StringLength(200, ErrorMessage = "The name is too long: use at most {1} characters.")]
        public string? DisplayName { get; set; }

        public List<int> CityIds { get; set; } = [];
    }
}
