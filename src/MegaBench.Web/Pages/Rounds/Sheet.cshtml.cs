using MegaBench.Web.Localization;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Scoring;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>One stakeholder group's assessment sheet, laid out like the sheets of the MEGA reports.</summary>
public sealed class SheetModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public Round Round { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    public AssessmentSheet Sheet { get; private set; } = null!;

    /// <summary>Each column's organisation score (its level), in column order.</summary>
    public IReadOnlyList<OrganisationScore> Scores { get; private set; } = [];

    public bool IsDemo => Round.City?.Network?.IsDemo == true;

    public async Task<IActionResult> OnGetAsync(int id, string groupCode, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().WithContext().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null || !access.CanRead(AccessScope.For(round)))
        {
            return NotFound();
        }

        var framework = FrameworkStore.Read(round.Framework!);
        if (framework.FindGroup(groupCode) is not { } group)
        {
            return NotFound();
        }

        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.RoundId == id && o.GroupCode == group.Code)
            .Include(o => o.Answers)
            .ToListAsync(cancellationToken);
        var columns = organisations
            .Where(o => access.CanRead(AccessScope.For(round) with { OrganisationId = o.Id }))
            .OrderBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();

        Round = round;
        Framework = framework;
        Sheet = AssessmentSheet.Build(framework, group, columns);
        Scores = [.. columns.Select(o => Scorer.ScoreOrganisation(framework, group, new OrganisationAnswers(
            o.Id, o.Name, o.GroupCode, o.Answers.ToDictionary(a => a.IndicatorCode, a => a.Value, StringComparer.Ordinal))))];
        return Page();
    }

    /// <summary>"basic level", or "not yet at basic level"; flagged when it rests on few yes-or-no answers.</summary>
    public string LevelText(OrganisationScore score, Translator translator)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(translator);
        var level = Figures.Level(Framework, score.Level, translator);
        return score.Overall.IsLowCoverage(Framework.Scoring.LowCoverage) ? translator.Plain("{0} – little data", level) : level;
    }
}
