using System.ComponentModel.DataAnnotations;
using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Networks;

/// <summary>Creates a network: only an administrator of every network may (the first administrator, and whom they appoint).</summary>
[Authorize]
public sealed class CreateModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public NetworkInput Input { get; set; } = new();

    public IActionResult OnGet() => access.CanCreateNetworks ? Page() : StatusCode(StatusCodes.Status403Forbidden);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!access.CanCreateNetworks)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        await Input.ValidateAsync(db, ModelState, nameof(Input), localizer, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var network = await Input.AddAsync(db, cancellationToken);
        TempData["Saved"] = localizer["The network {0} was created. Add its cities, then invite their coordinators.", network.Name].Value;
        return RedirectToPage("/Networks/Details", new { id = network.Id });
    }

    /// <summary>The fields of the new-network form, their rules and the save: the page and <c>POST /api/networks</c>.</summary>
    public sealed class NetworkInput
    {
        [Required(ErrorMessage = "Enter the network's name.")]
        [StringLength(TextLimits.NetworkName, ErrorMessage = "The name is too long: use at most {1} characters.")]
        public string? Name { get; set; }

        [StringLength(TextLimits.NetworkDescription, ErrorMessage = "The description is too long: use at most {1} characters.")]
        public string? Description { get; set; }

        /// <summary>Trims the fields and checks that no network has the same name (ignoring case).</summary>
        public async Task ValidateAsync(MegaBenchDbContext db, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string prefix, IStringLocalizer localizer, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(db);
            ArgumentNullException.ThrowIfNull(modelState);
            ArgumentNullException.ThrowIfNull(localizer);
            Name = FormHelpers.Clean(Name);
            Description = FormHelpers.Clean(Description);
            if (Name is not null)
            {
                var names = await db.Networks.Select(n => n.Name).ToListAsync(cancellationToken);
                if (names.Any(n => string.Equals(n, Name, StringComparison.OrdinalIgnoreCase)))
                {
                    modelState.AddModelError($"{prefix}.{nameof(Name)}", localizer["A network called {0} exists already. Choose another name.", Name!]);
                }
            }
        }

        /// <summary>Adds the validated input as a network.</summary>
        public async Task<Network> AddAsync(MegaBenchDbContext db, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(db);
            var network = new Network { Name = Name!, Description = Description };
            db.Networks.Add(network);
            await db.SaveChangesAsync(cancellationToken);
            return network;
        }
    }
}
