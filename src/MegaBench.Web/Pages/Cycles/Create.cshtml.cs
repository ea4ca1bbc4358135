using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using MegaBench.Web.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Cycles;

/// <summary>
/// Starts a learning cycle from a matching, exactly as the matching page shows it: the page takes the matching
/// page's options (across countries, excluded and forced pairs as "ID-ID"), runs the same matching, shows its
/// groups and the reviews they become, and on the post runs it again and stores the cycle with those options.
/// </summary>
[Authorize]
public sealed class CreateModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CycleInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool AcrossCountries { get; set; }

    [BindProperty(SupportsGet = true)]
    public string[] Exclude { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string[] Force { get; set; } = [];

    public MegaBench.Networks.Network Network { get; private set; } = null!;

    public NetworkMatching? Matching { get; private set; }

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(int networkId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(networkId, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input.Name ??= localizer["{0} peer reviews", clock.GetUtcNow().Year].Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int networkId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(networkId, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input.Name = FormHelpers.Clean(Input.Name);
        Input.Dates.Validate(ModelState, $"{nameof(Input)}.{nameof(Input.Dates)}", localizer);
        if (Input.Name is not null && await db.LearningCycles.AnyAsync(c => c.NetworkId == networkId && c.Name == Input.Name, cancellationToken))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Name)}", localizer["The network already has a cycle called “{0}”; choose another name.", Input.Name]);
        }

        if (!ModelState.IsValid || Matching is null || Errors.Count > 0)
        {
            return Page();
        }

        LearningCycle cycle;
        try
        {
            cycle = CycleRules.FromMatching(Matching, Input.Name!, clock.GetUtcNow());
        }
        catch (LearningCycleException e)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Name)}", localizer[e.Format, [.. e.Arguments]]);
            return Page();
        }

        CycleRules.RecordConstraints(cycle, CycleRules.Pairs(string.Join(' ', Exclude)), CycleRules.Pairs(string.Join(' ', Force)));
        Input.Dates.ApplyTo(cycle);
        db.LearningCycles.Add(cycle);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The cycle “{0}” was created with {1} reviews. Check the pairs, then start it.", cycle.Name, cycle.Reviews.Count].Value;
        return RedirectToPage("/Cycles/Details", new { id = cycle.Id });
    }

    private async Task<IActionResult?> LoadAsync(int networkId, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken);
        if (network is null || await db.NetworkScopeAsync(networkId, cancellationToken) is not { } scope || !access.CanRead(scope))
        {
            return NotFound();
        }

        if (!access.CanManageCycles(networkId))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Network = network;
        var excluded = ParsePairs(Exclude);
        var forced = ParsePairs(Force);
        if (Errors.Count > 0)
        {
            return null;
        }

        var scores = (await NetworkScores.LoadAsync(db, networkId, cancellationToken))!;
        try
        {
            var practices = await ReadablePractices.LoadAsync(db, access, networkId, cancellationToken);
            Matching = NetworkMatching.Run(scores, new PairingConstraints { AcrossCountriesOnly = AcrossCountries, Excluded = excluded, Forced = forced }, practices);
        }
        catch (MatchingInputException e)
        {
            Errors.Add(e.Message);
        }

        if (Matching is null && Errors.Count == 0)
        {
            Errors.Add(localizer["The network has no published round to match yet: a cycle starts from the matching of published rounds."].Value);
        }

        return null;
    }

    /// <summary>Pairs in the matching page's address form, "ID-ID"; anything else is reported, not ignored.</summary>
    private List<CityPair> ParsePairs(string[] texts)
    {
        var pairs = new List<CityPair>();
        foreach (var text in texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var parsed = text.Split('-') is [var a, var b] && int.TryParse(a, out var first) && int.TryParse(b, out var second) && first != second
                ? CycleRules.Pairs(text) : [];
            if (parsed.Count == 1)
            {
                pairs.Add(parsed[0]);
            }
            else
            {
                Errors.Add(localizer["“{0}” is not a pair of two cities. Start again from the matching page.", text].Value);
            }
        }

        return pairs;
    }

    /// <summary>Who reviews whom in a group, in the order the cycle will store (<see cref="CycleRules.ReviewOrder"/>).</summary>
    public static IEnumerable<(MatchedCity Reviewer, MatchedCity Host)> Reviews(MatchedGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return CycleRules.ReviewOrder(group.Members);
    }
}
