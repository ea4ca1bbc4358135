using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>
/// The ecosystem map the MEGA report recommends cities draw: per theme, which organisations provide it (answered
/// yes to at least one of its statements), with their notes and links; and the themes no organisation covers.
/// </summary>
public sealed class EcosystemModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public ScoredRound Scored { get; private set; } = null!;

    public IReadOnlyList<ThemeMap> Themes { get; private set; } = [];

    public IReadOnlyList<Theme> Uncovered => [.. Themes.Where(t => t.Providers.Count == 0).Select(t => t.Theme)];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var scored = await RoundScores.LoadAsync(db, id, cancellationToken);
        if (scored is null || !access.CanRead(AccessScope.For(scored.Round)))
        {
            return NotFound();
        }

        Scored = scored;
        var organisations = scored.Organisations
            .Where(o => access.CanRead(AccessScope.For(scored.Round) with { OrganisationId = o.Id }))
            .ToList();
        Themes = [.. scored.Framework.Themes.Select(theme =>
        {
            var codes = scored.Framework.Indicators.Where(i => i.Themes.Contains(theme.Code)).ToList();
            var providers = organisations
                .Select(o => new Provider(o, [.. codes
                    .Select(i => (Indicator: i, Answer: o.Answers.FirstOrDefault(a => a.IndicatorCode == i.Code)))
                    .Where(x => x.Answer is { Value: AnswerValue.Yes })
                    .Select(x => new ProvidedStatement(x.Indicator, x.Answer!))]))
                .Where(p => p.Statements.Count > 0)
                .ToList();
            return new ThemeMap(theme, codes.Count, providers);
        })];
        return Page();
    }

    public sealed record ThemeMap(Theme Theme, int Statements, IReadOnlyList<Provider> Providers);

    public sealed record Provider(Organisation Organisation, IReadOnlyList<ProvidedStatement> Statements);

    public sealed record ProvidedStatement(Indicator Indicator, Answer Answer);

    /// <summary>Only web addresses become links; anything else is shown as text.</summary>
    public static bool IsLink(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
