using System.Globalization;
using MegaBench.Data;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Networks;

/// <summary>
/// The peer-review pairs of a network with their reasons, and the city × city learning values as a heatmap.
/// The options (across countries only, pairs to exclude) are a GET form, so that a matching has an address.
/// </summary>
public sealed class MatchingModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public MegaBench.Networks.Network Network { get; private set; } = null!;

    public NetworkMatching? Matching { get; private set; }

    public IReadOnlyList<MatchingCity> Cities { get; private set; } = [];

    public bool AcrossCountries { get; private set; }

    public IReadOnlyList<CityPair> Excluded { get; private set; } = [];

    public string? Error { get; private set; }

    /// <param name="exclude">Excluded pairs as "ID-ID".</param>
    /// <param name="excludeFirst">With <paramref name="excludeSecond"/>: one more pair to exclude, chosen in the form.</param>
    public async Task<IActionResult> OnGetAsync(int id, bool acrossCountries, string[]? exclude, int? excludeFirst, int? excludeSecond, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (network is null || await db.NetworkScopeAsync(id, cancellationToken) is not { } networkScope || !access.CanRead(networkScope))
        {
            return NotFound();
        }

        Network = network;
        AcrossCountries = acrossCountries;
        var scores = (await NetworkScores.LoadAsync(db, id, cancellationToken))!;
        scores = scores with { Rounds = [.. scores.Rounds.Where(r => access.CanRead(AccessScope.For(r.Round)))] };
        Cities = scores.MatchingCities;

        var excluded = new List<CityPair>();
        foreach (var text in exclude ?? [])
        {
            var parts = text.Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                && a != b && Cities.Any(c => c.Id == a) && Cities.Any(c => c.Id == b))
            {
                excluded.Add(new CityPair(a, b));
            }
            else
            {
                Error = $"The excluded pair \"{text}\" is not two different cities of this network; it was ignored. Choose the pair in the form below.";
            }
        }

        if (excludeFirst is { } first && excludeSecond is { } second)
        {
            if (first == second)
            {
                Error = "To exclude a pair, choose two different cities.";
            }
            else if (Cities.Any(c => c.Id == first) && Cities.Any(c => c.Id == second))
            {
                excluded.Add(new CityPair(first, second));
            }
        }

        Excluded = [.. excluded.Distinct()];
        try
        {
            Matching = NetworkMatching.Run(scores, new PairingConstraints { AcrossCountriesOnly = acrossCountries, Excluded = Excluded });
        }
        catch (MatchingInputException e)
        {
            Error = e.Message;
        }

        return Page();
    }

    public string CityName(int cityId) => Cities.FirstOrDefault(c => c.Id == cityId)?.Name ?? cityId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The heatmap class of a learning value, relative to the largest in the table.</summary>
    public string Heat(double value)
    {
        var max = Matching!.LearningValues.SelectMany(r => r).DefaultIfEmpty(0).Max();
        return max <= 0 || value <= 0 ? "heat-none" : Display.Figures.Heat(100 * value / max * 0.999);
    }
}
