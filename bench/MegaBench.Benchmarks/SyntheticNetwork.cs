using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Scoring;

namespace MegaBench.Benchmarks;

/// <summary>
/// A seeded synthetic network the size of MEGA 2018: four groups, three stages of six statements each
/// (72 indicators), eleven themes, each indicator on one or two themes. Scores are built directly (as if
/// precomputed by <see cref="Scorer"/>): each city has a profile of theme strengths, noise per indicator and
/// some statements nobody answered, so that strengths, gaps and ties all occur.
/// </summary>
public static class SyntheticNetwork
{
    private static readonly string[] Groups = ["MUN", "CCI", "BUS", "IBO"];

    private static readonly string[] ThemeCodes =
        ["visibility", "networking", "language", "legal", "training", "finance", "facilities", "procurement", "data", "governance", "recognition"];

    public static Framework Framework { get; } = BuildFramework();

    public static List<MatchingCity> Cities(int count, int seed)
    {
        var random = new Random(seed);
        var indicators = Framework.Indicators.ToList();
        var cities = new List<MatchingCity>(count);
        for (var id = 1; id <= count; id++)
        {
            // A city is good or weak on each theme; its organisations answer accordingly, with noise.
            var affinity = ThemeCodes.ToDictionary(t => t, _ => random.NextDouble(), StringComparer.Ordinal);
            var results = new List<IndicatorResult>();
            foreach (var indicator in indicators)
            {
                var organisations = random.Next(1, 6);
                var p = indicator.Themes.Average(t => affinity[t]);
                int yes = 0, no = 0, notDetermined = 0;
                for (var o = 0; o < organisations; o++)
                {
                    var roll = random.NextDouble();
                    if (roll < 0.1)
                    {
                        notDetermined++;
                    }
                    else if (random.NextDouble() < p)
                    {
                        yes++;
                    }
                    else
                    {
                        no++;
                    }
                }

                var tally = new Tally(yes, no, notDetermined, 0);
                results.Add(new IndicatorResult(indicator.Code, indicator.Group, indicator.Stage, tally, tally.IsLowCoverage(Framework.Scoring.LowCoverage)));
            }

            var groups = results.GroupBy(r => r.Group)
                .Select(g => new GroupScore(g.Key, [], [.. g], null, [], 0, g.Aggregate(default(Tally), (s, r) => s + r.Tally), false))
                .ToList();
            var themes = Framework.Themes.Select(theme =>
            {
                var ofTheme = results.Where(r => Framework.FindIndicator(r.Code)!.Themes.Contains(theme.Code)).ToList();
                var adoptions = ofTheme.Where(r => r.Tally.ExactShareMet is not null).Select(r => r.Tally.ExactShareMet!.Value).ToList();
                var tally = ofTheme.Aggregate(default(Tally), (s, r) => s + r.Tally);
                var mean = adoptions.Aggregate(Fraction.Zero, (sum, a) => sum + a) * 100 / Math.Max(1, adoptions.Count);
                return new ThemeScore(theme.Code, adoptions.Count == 0 ? null : mean, ofTheme.Count, adoptions.Count, tally, tally.IsLowCoverage(Framework.Scoring.LowCoverage));
            }).ToList();
            cities.Add(new MatchingCity(id, $"City {id}", $"Country {random.Next(20)}", new CityScore(groups, themes)));
        }

        return cities;
    }

    private static Framework BuildFramework()
    {
        static LocalizedText T(string text) => LocalizedText.Of("en", text);
        var random = new Random(2018);
        return new Framework(
            "bench",
            "1.0",
            T("Synthetic framework"),
            "en",
            ["en"],
            ScoringParameters.Default,
            [new Stage(1, "basic", T("Basic"), T("basic")), new Stage(2, "intermediate", T("Intermediate"), T("intermediate")), new Stage(3, "advanced", T("Advanced"), T("advanced"))],
            [.. ThemeCodes.Select(c => new Theme(c, T(c), null))],
            [.. Groups.Select(g => new StakeholderGroup(
                g,
                T(g),
                T(g),
                [.. Enumerable.Range(1, 3).Select(s => new GroupStage(
                    s,
                    T($"{g} {s}"),
                    [.. Enumerable.Range(1, 6).Select(n => new Indicator(
                        $"{g}-{s}.{n:00}",
                        g,
                        s,
                        T($"{g} statement {s}.{n:00}"),
                        [.. ThemeCodes.OrderBy(_ => random.Next()).Take(random.Next(1, 3))]))]))]))]);
    }
}
