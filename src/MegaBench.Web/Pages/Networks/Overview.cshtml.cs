using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Networks;

/// <summary>
/// Every city of a network side by side: heatmaps of theme scores and group levels (latest published rounds),
/// sortable by any column through the query string, and the response progress of each city's latest round.
/// Anonymous readers get it whole from the output cache, keyed on the network's change stamp
/// (<see cref="MegaBench.Web.Reports.PageCache"/>).
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = MegaBench.Web.Reports.PageCache.Network)]
public sealed class OverviewModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public NetworkScores Scores { get; private set; } = null!;

    public NetworkAnalysis? Analysis { get; private set; }

    /// <summary>The compared rounds in the chosen order.</summary>
    public IReadOnlyList<ScoredRound> Rows { get; private set; } = [];

    /// <summary>The column sorted on: "city", "theme:CODE", "median:GROUP" or "ecosystem:GROUP".</summary>
    public string Sort { get; private set; } = "city";

    public bool Descending { get; private set; }

    public IReadOnlyList<ProgressRow> Progress { get; private set; } = [];

    /// <summary>The rounds in progress of the cities the reader may edit, with their questionnaires' collection progress (as on "my work").</summary>
    public IReadOnlyList<(MegaBench.Questionnaires.MyWork.WorkCity City, MegaBench.Questionnaires.MyWork.WorkRound Round)> Collection { get; private set; } = [];

    public Framework? Framework => Scores.Framework;

    public async Task<IActionResult> OnGetAsync(int id, string? sort, string? dir, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (network is null || await db.NetworkScopeAsync(id, cancellationToken) is not { } networkScope || !access.CanRead(networkScope))
        {
            return NotFound();
        }

        var scores = (await NetworkScores.LoadAsync(db, id, cancellationToken))!;
        Scores = scores with { Rounds = [.. scores.Rounds.Where(r => access.CanRead(AccessScope.For(r.Round)))] };
        Analysis = Scores.Analyse();
        Descending = string.Equals(dir, "desc", StringComparison.Ordinal);
        Sort = IsColumn(sort) ? sort! : "city";
        var ordered = Sort == "city"
            ? Scores.Rounds.OrderBy(r => r.City.Name, StringComparer.CurrentCulture).ToList()
            : [.. Scores.Rounds.OrderBy(r => Key(r, Sort) is null).ThenByDescending(r => Descending ? Key(r, Sort) : -Key(r, Sort)).ThenBy(r => r.City.Name, StringComparer.CurrentCulture)];
        if (Sort == "city" && Descending)
        {
            ordered.Reverse();
        }

        Rows = ordered;
        await LoadProgressAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>The figure a column sorts on; cities without data go last in either direction.</summary>
    public static double? Key(ScoredRound round, string column)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(column);
        var (kind, code) = column.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? (column[..i], column[(i + 1)..]) : (column, "");
        return kind switch
        {
            "theme" => round.Score.FindTheme(code)?.Score,
            "median" => round.Score.FindGroup(code)?.MedianLevel,
            "ecosystem" => round.Score.FindGroup(code)?.EcosystemLevel,
            _ => null,
        };
    }

    /// <summary>The address that sorts by <paramref name="column"/>: descending first for figures, then toggling.</summary>
    public string SortLink(string column)
    {
        var descending = column == Sort ? !Descending : column != "city";
        return $"/networks/{Scores.Network.Id}/overview?sort={Uri.EscapeDataString(column)}&dir={(descending ? "desc" : "asc")}";
    }

    /// <summary>The aria-sort value of a column header.</summary>
    public string? AriaSort(string column) => column == Sort ? (Descending ? "descending" : "ascending") : null;

    private bool IsColumn(string? column) =>
        column == "city"
        || (column is not null && Framework is { } framework && (
            (column.StartsWith("theme:", StringComparison.Ordinal) && framework.FindTheme(column[6..]) is not null)
            || (column.StartsWith("median:", StringComparison.Ordinal) && framework.FindGroup(column[7..]) is not null)
            || (column.StartsWith("ecosystem:", StringComparison.Ordinal) && framework.FindGroup(column[10..]) is not null)));

    private async Task LoadProgressAsync(int networkId, CancellationToken cancellationToken)
    {
        Collection = [.. (await MegaBench.Questionnaires.MyWork.LoadAsync(db, access.Grants, networkId, cancellationToken))
            .SelectMany(c => c.InProgress.Select(r => (c, r)))];
        var cities = await db.Cities.AsNoTracking()
            .Where(c => c.NetworkId == networkId)
            .Include(c => c.Rounds).ThenInclude(r => r.Framework)
            .ToListAsync(cancellationToken);
        var latest = cities
            .Select(c => (City: c, Round: c.Rounds.Where(r => { r.City = c; return access.CanRead(AccessScope.For(r)); })
                .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).FirstOrDefault()))
            .Where(x => access.CanRead(AccessScope.For(x.City, x.City.Rounds.Any(r => r.Status == MegaBench.Rounds.RoundStatus.Published))))
            .ToList();
        var roundIds = latest.Select(x => x.Round?.Id).OfType<int>().ToList();
        var organisations = (await db.Organisations.AsNoTracking()
                .Where(o => roundIds.Contains(o.RoundId))
                .Include(o => o.Answers)
                .ToListAsync(cancellationToken))
            .ToLookup(o => o.RoundId);
        Progress = [.. latest
            .OrderBy(x => x.City.Name, StringComparer.CurrentCulture)
            .Select(x =>
            {
                if (x.Round is not { } round)
                {
                    return new ProgressRow(x.City.Id, x.City.Name, null, null, null, AnswerProgress.Zero, 0);
                }

                var framework = FrameworkStore.Read(round.Framework!);
                var progress = organisations[round.Id].Aggregate(AnswerProgress.Zero, (sum, o) => sum + AnswerProgress.Of(framework, o));
                return new ProgressRow(x.City.Id, x.City.Name, round.Id, round.Year, round.Status, progress, organisations[round.Id].Count());
            })];
    }

    public sealed record ProgressRow(int CityId, string City, int? RoundId, int? Year, RoundStatus? Status, AnswerProgress Progress, int Organisations);
}
