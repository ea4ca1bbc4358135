using System.ComponentModel.DataAnnotations;
using MegaBench.Data;
using MegaBench.OpenData;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Networks;

/// <summary>
/// The network's open data, for its administrators: the licence and citation, and publishing a new release
/// (<see cref="OpenDataReleases.PublishAsync"/>). Everyone reads the releases on the network page.
/// </summary>
[Authorize]
public sealed class OpenDataModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public int NetworkId { get; private set; }

    public string NetworkName { get; private set; } = "";

    public int PublishedRounds { get; private set; }

    public IReadOnlyList<OpenDataReleases.ReleaseSummary> Releases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var network = await db.Networks.AsNoTracking().SingleAsync(n => n.Id == id, cancellationToken);
        Input = new SettingsInput { Licence = network.OpenDataLicence, Citation = network.OpenDataCitation };
        return Page();
    }

    /// <summary>Saves the licence and citation that the next release will carry.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        foreach (var problem in OpenDataReleases.CheckTerms(Input.Licence, Input.Citation))
        {
            if (problem == OpenDataReleases.TermsProblem.UnknownLicence)
            {
                ModelState.AddModelError("Input.Licence", localizer["Choose one of the licences offered."]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await OpenDataReleases.SetTermsAsync(db, id, Input.Licence!, Input.Citation, cancellationToken);
        TempData["Saved"] = localizer["The licence and citation were saved. The next release will carry them."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        ModelState.Clear();
        var release = await OpenDataReleases.PublishAsync(db, id, cancellationToken);
        if (release is null)
        {
            ModelState.AddModelError("", localizer["The network has no published round yet: there is nothing to publish."]);
            var network = await db.Networks.AsNoTracking().SingleAsync(n => n.Id == id, cancellationToken);
            Input = new SettingsInput { Licence = network.OpenDataLicence, Citation = network.OpenDataCitation };
            return Page();
        }

        TempData["Saved"] = localizer["Release {0} of the open data was published.", release.Number].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Loads the network and checks access; returns the refusal, or null to go on.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        var scope = await db.NetworkScopeAsync(id, cancellationToken);
        if (network is null || scope is null || !access.CanRead(scope))
        {
            return NotFound();
        }

        if (!access.CanEdit(scope))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        NetworkId = network.Id;
        NetworkName = network.Name;
        PublishedRounds = (await MegaBench.Reports.NetworkScores.LatestPublishedAsync(db, id, cancellationToken)).Count;
        Releases = await OpenDataReleases.ListAsync(db, id, cancellationToken);
        return null;
    }

    public sealed class SettingsInput
    {
        public string? Licence { get; set; }

        [StringLength(TextLimits.OpenDataCitation, ErrorMessage = "The citation is too long: use at most {1} characters.")]
        public string? Citation { get; set; }
    }
}
