using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Practices;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Localization;
using MegaBench.Web.Narrative;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Practices;

/// <summary>The practice library of a network: every city's promising practices, filterable by theme.</summary>
public sealed class IndexModel(MegaBenchDbContext db, AccessPolicy access, SafeMarkdown markdown) : PageModel
{
    public Network Network { get; private set; } = null!;

    public IReadOnlyList<Practice> Practices { get; private set; } = [];

    public IReadOnlyList<City> EditableCities { get; private set; } = [];

    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    public SafeMarkdown Markdown => markdown;

    public IHtmlContent ThemeName(Translator translator, string code) =>
        Themes.FirstOrDefault(t => t.Code == code) is { } theme ? translator.Framework(theme.Name) : new HtmlString(System.Net.WebUtility.HtmlEncode(code));

    public async Task<IActionResult> OnGetAsync(int networkId, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().Include(n => n.Cities).SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken);
        if (network is null)
        {
            return NotFound();
        }

        var published = (await db.Rounds.AsNoTracking()
            .Where(r => r.City!.NetworkId == networkId && r.Status == RoundStatus.Published)
            .Select(r => r.CityId).ToListAsync(cancellationToken)).ToHashSet();
        if (!access.CanRead(AccessScope.For(network, published.Count > 0)))
        {
            return NotFound();
        }

        Network = network;
        var readable = network.Cities.Where(c => access.CanRead(AccessScope.For(c, published.Contains(c.Id)))).Select(c => c.Id).ToHashSet();
        EditableCities = [.. network.Cities.Where(c => access.CanEdit(AccessScope.For(c, published.Contains(c.Id)))).OrderBy(c => c.Name, StringComparer.CurrentCulture)];
        var stored = await db.Rounds.AsNoTracking().Where(r => r.City!.NetworkId == networkId).OrderByDescending(r => r.Year).Select(r => r.Framework).FirstOrDefaultAsync(cancellationToken);
        Themes = stored is null ? [] : FrameworkStore.Read(stored).Themes;

        var practices = await PracticeLibrary.ForThemesAsync(db, networkId, string.IsNullOrEmpty(Theme) ? [] : [Theme], [], cancellationToken);
        Practices = [.. practices.Where(p => readable.Contains(p.CityId))];
        return Page();
    }
}
