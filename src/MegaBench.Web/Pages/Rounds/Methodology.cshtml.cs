using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Scoring;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>
/// The scoring rules of <see cref="Scorer"/> in plain words, in the request's language, with a worked example computed from the
/// round being viewed: one organisation's stage tallies and level, one statement's adoption, one theme's score.
/// </summary>
public sealed class MethodologyModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public ScoredRound Scored { get; private set; } = null!;

    /// <summary>The first organisation, in sheet order, with at least one yes or no answer.</summary>
    public OrganisationScore? Organisation { get; private set; }

    /// <summary>The first statement, in framework order, that some organisation answered yes or no.</summary>
    public IndicatorResult? Indicator { get; private set; }

    /// <summary>The first theme, in framework order, with a score; and its statements.</summary>
    public ThemeScore? Theme { get; private set; }

    public IReadOnlyList<IndicatorResult> ThemeIndicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var scored = await RoundScores.LoadAsync(db, id, cancellationToken);
        if (scored is null || !access.CanRead(AccessScope.For(scored.Round)))
        {
            return NotFound();
        }

        Scored = scored;
        var score = scored.Score;
        Organisation = score.Groups.SelectMany(g => g.Organisations).FirstOrDefault(o => o.Overall.Answered > 0);
        var indicators = score.Groups.SelectMany(g => g.Indicators).ToDictionary(i => i.Code, StringComparer.Ordinal);
        Indicator = scored.Framework.Indicators.Select(i => indicators[i.Code]).FirstOrDefault(i => i.Tally.Answered > 0);
        Theme = score.Themes.FirstOrDefault(t => t.Score is not null);
        if (Theme is not null)
        {
            ThemeIndicators = [.. scored.Framework.Indicators.Where(i => i.Themes.Contains(Theme.Theme)).Select(i => indicators[i.Code])];
        }

        return Page();
    }
}
