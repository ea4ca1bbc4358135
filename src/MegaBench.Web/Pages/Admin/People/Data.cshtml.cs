using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Admin.People;

/// <summary>
/// A person's data, for their rights of access and erasure: download it as JSON, or erase it. Erasure
/// replaces the e-mail and name by a pseudonym, removes password, roles and tokens, and renames the
/// person in the audit trail, whose rows stay so that the history still reads consistently.
/// </summary>
/// <remarks>
/// The same reach as a set-password link: an administrator acts only on an account whose every role lies
/// inside their networks (an administrator of every network on any account), and never on their own.
/// </remarks>
[Authorize]
public sealed class DataModel(MegaBenchDbContext db, UserManager<AppUser> users, PeopleDirectory directory, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public PeopleDirectory.Person Person { get; private set; } = null!;

    [BindProperty]
    public bool Confirm { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnGetJsonAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var json = await PersonalData.ExportAsync(db, id, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(System.Text.Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"megabench-person-{id}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), localizer["Tick the box to confirm that this person's data is to be erased; nothing was erased."]);
            return Page();
        }

        var pseudonym = await PersonalData.EraseAsync(db, users, id, cancellationToken);
        TempData["Saved"] = localizer["The data of {0} was erased. The audit trail now names this person \"{1}\".", Person.Email, pseudonym].Value;
        return RedirectToPage("/Admin/People/Index");
    }

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

        if (!person.CanIssueLink || person.Id == access.Grants.UserId)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Person = person;
        return null;
    }
}
