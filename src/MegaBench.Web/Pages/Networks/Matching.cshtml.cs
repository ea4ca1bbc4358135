using System.Globalization;
using MegaBench.Data;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Web.Access;
using MegaBench.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Networks;

/// <summary>
/// The peer-review pairs of a network with their reasons, and the city × city learning values as a heatmap.
/// The options (across countries only, pairs to exclude, pairs to force) are a GET form, so that a matching has
/// an address and works without JavaScript. Forcing pairs is the network administrator's decision: the form
/// offers it to them only, and a forced pair in the address of anyone else is ignored with a message.
/// Anonymous readers get it whole from the output cache, keyed on the network's change stamp
/// (<see cref="MegaBench.Web.Reports.PageCache"/>).
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = MegaBench.Web.Reports.PageCache.Network)]
public sealed class MatchingModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public MegaBench.Networks.Network Network { get; private set; } = null!;

    public NetworkMatching? Matching { get; private set; }

    public IReadOnlyList<MatchingCity> Cities { get; private set; } = [];

    /// <summary>The framework the cities are compared on (names themes and statements in the page's language).</summary>
    public MegaBench.Frameworks.Framework? Framework { get; private set; }

    public bool AcrossCountries { get; private set; }

    public IReadOnlyList<CityPair> Excluded { get; private set; } = [];

    /// <summary>The forced pairs the matching used.</summary>
    public IReadOnlyList<CityPair> Forced { get; private set; } = [];

    /// <summary>Forced pairs asked for but left out, kept in the form (unticked) so that nothing typed is lost.</summary>
    public IReadOnlyList<CityPair> Rejected { get; private set; } = [];

    /// <summary>May force pairs: an administrator of the network.</summary>
    public bool CanForce { get; private set; }

    public List<string> Errors { get; } = [];

    /// <param name="exclude">Excluded pairs as "ID-ID".</param>
    /// <param name="excludeFirst">With <paramref name="excludeSecond"/>: one more pair to exclude, chosen in the form.</param>
    /// <param name="force">Forced pairs as "ID-ID" (network administrators only).</param>
    /// <param name="forceFirst">With <paramref name="forceSecond"/>: one more pair to force, chosen in the form.</param>
    public async Task<IActionResult> OnGetAsync(int id, bool acrossCountries, string[]? exclude, int? excludeFirst, int? excludeSecond,
        string[]? force, int? forceFirst, int? forceSecond, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (network is null || await db.NetworkScopeAsync(id, cancellationToken) is not { } networkScope || !access.CanRead(networkScope))
        {
            return NotFound();
        }

        Network = network;
        AcrossCountries = acrossCountries;
        CanForce = access.CanEdit(networkScope);
        var scores = (await NetworkScores.LoadAsync(db, id, cancellationToken))!;
        scores = scores with { Rounds = [.. scores.Rounds.Where(r => access.CanRead(AccessScope.For(r.Round)))] };
        Cities = scores.MatchingCities;
        Framework = scores.Framework;

        Excluded = [.. Pairs(exclude, excludeFirst, excludeSecond, forced: false).Distinct()];
        var asked = Pairs(force, forceFirst, forceSecond, forced: true).Distinct().ToList();
        if (asked.Count > 0 && !CanForce)
        {
            Errors.Add(L("Only the network’s administrators can force pairs; the forced pairs in the address were ignored."));
            asked.Clear();
        }

        Forced = CheckForced(asked, out var rejected);
        Rejected = rejected;
        try
        {
            var practices = await ReadablePractices.LoadAsync(db, access, id, cancellationToken);
            Matching = NetworkMatching.Run(scores, new PairingConstraints { AcrossCountriesOnly = acrossCountries, Excluded = Excluded, Forced = Forced }, practices);
        }
        catch (MatchingInputException e)
        {
            Errors.Add(e.Message);
        }

        return Page();
    }

    /// <summary>The pairs of the address ("ID-ID") and the one chosen in the form's two lists.</summary>
    private List<CityPair> Pairs(string[]? texts, int? first, int? second, bool forced)
    {
        var pairs = new List<CityPair>();
        foreach (var text in texts ?? [])
        {
            var parts = text.Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                && a != b && IsCity(a) && IsCity(b))
            {
                pairs.Add(new CityPair(a, b));
            }
            else
            {
                Errors.Add(forced
                    ? L("The forced pair “{0}” is not two different cities of this network; it was ignored. Choose the pair in the form below.", text)
                    : L("The excluded pair “{0}” is not two different cities of this network; it was ignored. Choose the pair in the form below.", text));
            }
        }

        if (first is { } one && second is { } two)
        {
            if (one == two)
            {
                Errors.Add(forced ? L("To force a pair, choose two different cities.") : L("To exclude a pair, choose two different cities."));
            }
            else if (IsCity(one) && IsCity(two))
            {
                pairs.Add(new CityPair(one, two));
            }
        }

        return pairs;
    }

    /// <summary>
    /// The forced pairs the pairing can take; each one it cannot (a city already forced, an excluded pair, one
    /// country when pairs must cross countries) goes to <paramref name="rejected"/> with a message saying why.
    /// </summary>
    private List<CityPair> CheckForced(List<CityPair> asked, out List<CityPair> rejected)
    {
        var kept = new List<CityPair>();
        rejected = [];
        foreach (var pair in asked)
        {
            var (a, b) = (CityName(pair.First), CityName(pair.Second));
            string? problem = null;
            var clash = kept.Where(k => Has(k, pair.First) || Has(k, pair.Second)).Select(k => (CityPair?)k).FirstOrDefault();
            if (clash is { } other)
            {
                problem = L("{0}–{1} was not forced: {2} is already forced into the pair {3}–{4}. Force each city into one pair at most.",
                    a, b, Has(other, pair.First) ? a : b, CityName(other.First), CityName(other.Second));
            }
            else if (Excluded.Contains(pair))
            {
                problem = L("{0}–{1} is both forced and excluded, so it was not forced; untick one of the two.", a, b);
            }
            else if (AcrossCountries && SameCountry(pair))
            {
                problem = L("{0}–{1} was not forced: both cities are in {2}, and the options pair cities of different countries only. Untick one of the two.", a, b, Country(pair.First));
            }

            if (problem is null)
            {
                kept.Add(pair);
            }
            else
            {
                Errors.Add(problem);
                rejected.Add(pair);
            }
        }

        return kept;
    }

    /// <summary>The start-a-cycle page for this matching: the same options, in the same "ID-ID" form.</summary>
    public string StartCycleUrl => $"/networks/{Network.Id}/cycles/new" + QueryString.Create(
            new[] { new KeyValuePair<string, string?>("AcrossCountries", AcrossCountries ? "true" : "false") }
            .Concat(Excluded.Select(p => new KeyValuePair<string, string?>("Exclude", $"{p.First}-{p.Second}")))
            .Concat(Forced.Select(p => new KeyValuePair<string, string?>("Force", $"{p.First}-{p.Second}"))))
        .ToUriComponent();

    private string L(string text, params object[] arguments) => localizer[text, arguments].Value;

    /// <summary>A theme's name in the page's language (the framework's translation, else the name the matching gave).</summary>
    public string ThemeName(string code, string fallback) =>
        Framework?.FindTheme(code)?.Name[System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName] ?? fallback;

    /// <summary>A statement's text in the page's language.</summary>
    public string IndicatorText(string code, string fallback) =>
        Framework?.FindIndicator(code)?.Text[System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName] ?? fallback;

    private static bool Has(CityPair pair, int cityId) => pair.First == cityId || pair.Second == cityId;

    private bool IsCity(int cityId) => Cities.Any(c => c.Id == cityId);

    private string Country(int cityId) => Cities.FirstOrDefault(c => c.Id == cityId)?.Country.Trim() ?? "";

    private bool SameCountry(CityPair pair) => string.Equals(Country(pair.First), Country(pair.Second), StringComparison.OrdinalIgnoreCase);

    public string CityName(int cityId) => Cities.FirstOrDefault(c => c.Id == cityId)?.Name ?? cityId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The heatmap class of a learning value, relative to the largest in the table.</summary>
    public string Heat(double value)
    {
        var max = Matching!.LearningValues.SelectMany(r => r).DefaultIfEmpty(0).Max();
        return max <= 0 || value <= 0 ? "heat-none" : Display.Figures.Heat(100 * value / max * 0.999);
    }
}
