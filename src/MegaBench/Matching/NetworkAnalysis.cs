using MegaBench.Frameworks;
using MegaBench.Scoring;

namespace MegaBench.Matching;

/// <summary>
/// Strengths, gaps and learning values of the cities of one network round, computed from their scores.
/// </summary>
/// <remarks>
/// <para><b>Figures compared.</b> For a theme, the city's theme score (0–100); for an indicator, its adoption
/// × 100. A city without data on an item (no yes or no answer) takes no part in that item: it is left out of
/// the median and can be neither strong nor weak on it.</para>
/// <para><b>Network median</b> of an item: the median of the figures of the cities with data on it (for an
/// even count, the mean of the two middle figures).</para>
/// <para><b>Exact comparisons.</b> Figures, medians and the margin are compared as exact fractions
/// (<see cref="Fraction"/>; a theme score is a mean of ratios of counts), so a figure exactly the margin away from the
/// median counts, and two equal figures are equal, whatever floating point would make of them. Doubles are only
/// what is shown and the size of a learning value's terms.</para>
/// <para><b>Strength</b>: the city's figure is at least <see cref="MatchingOptions.Margin"/> points above the
/// median AND the city is in the top third, i.e. fewer than ⌈N/3⌉ of the N cities with data have a strictly
/// higher figure. <b>Gap</b>: at least the margin below the median AND fewer than ⌈N/3⌉ cities have a strictly
/// lower figure. Both conditions are needed: the margin alone would call half the network strong in a spread-out
/// item, the rank alone would call a city strong for a lead of one point.</para>
/// <para><b>Learning value</b> of A from B (how much A can learn from B):
/// L(A←B) = Σ over A's gap themes t of max(0, s_B(t) − s_A(t)) / 100
///        + w × Σ over A's gap indicators i of max(0, a_B(i) − a_A(i)) / 100,
/// where s is the theme score, a the adoption × 100, w = <see cref="MatchingOptions.IndicatorWeight"/>, and a
/// term counts only when B has data on the item (A has data on it, being a gap). Low-coverage figures count but
/// are flagged in the evidence. The mutual value of a pair is L(A←B) + L(B←A).</para>
/// <para>Orders: cities by id; themes and indicators in framework order; findings by the size of the lead or gap,
/// largest first, then framework order.</para>
/// </remarks>
public sealed class NetworkAnalysis
{
    /// <summary>Learning values are compared as whole millionths, so that equal values are exactly equal.</summary>
    public const long Scale = 1_000_000;

    private readonly Dictionary<int, int> _indexOf;
    private readonly Theme[] _themes;
    private readonly Indicator[] _indicators;

    // Per city (index by id order) and item: the figure 0–100, NaN without data; and its low-coverage flag.
    // The exact figures decide; the doubles are shown and summed into learning values.
    private readonly Fraction?[][] _themeExact;
    private readonly Fraction?[][] _adoptionExact;
    private readonly double[][] _themeScores;
    private readonly bool[][] _themeLow;
    private readonly double[][] _adoptions;
    private readonly bool[][] _indicatorLow;
    private readonly Tally[][] _themeTallies;
    private readonly Tally[][] _indicatorTallies;

    // Per city: item indices of its gaps and strengths, in framework order.
    private readonly int[][] _gapThemes;
    private readonly int[][] _gapIndicators;
    private readonly bool[][] _strongTheme;
    private readonly bool[][] _strongIndicator;

    // Per city and item: the number of cities with a strictly lower figure, -1 without data. Equal figures have
    // equal ranks, so "the teacher's figure is higher" is exactly "the teacher's rank is higher".
    private readonly int[][] _themeRanks;
    private readonly int[][] _indicatorRanks;

    private readonly double[] _themeMedians;
    private readonly double[] _indicatorMedians;
    private readonly Fraction[] _themeExactMedians;
    private readonly Fraction[] _indicatorExactMedians;
    private readonly int[] _themeCounts;
    private readonly int[] _indicatorCounts;
    private readonly StrengthsAndGaps[] _profiles;

    // L(a ← b) of every ordered pair, computed once when first asked: the pairing, the learning matrix and the
    // explanations read the same million values on a 1,000-city network.
    private double[,]? _values;

    private NetworkAnalysis(Framework framework, MatchingCity[] cities, MatchingOptions options)
    {
        Framework = framework;
        Options = options;
        Cities = cities;
        _indexOf = new Dictionary<int, int>(cities.Length);
        for (var c = 0; c < cities.Length; c++)
        {
            _indexOf[cities[c].Id] = c;
        }

        _themes = [.. framework.Themes];
        _indicators = [.. framework.Indicators];
        var n = cities.Length;
        _themeExact = new Fraction?[n][];
        _adoptionExact = new Fraction?[n][];
        _themeScores = new double[n][];
        _themeLow = new bool[n][];
        _themeTallies = new Tally[n][];
        _adoptions = new double[n][];
        _indicatorLow = new bool[n][];
        _indicatorTallies = new Tally[n][];

        // Each city's figures, the medians and the profiles are computed in parallel on a large network (every step
        // writes only its own slots), the learning values too: on two cores a third off a 1,000-city network's analysis.
        var parallel = LargeNetwork.Options(n);
        Parallel.For(0, n, parallel, c =>
        {
            var score = cities[c].Score;
            var themes = score.Themes.ToDictionary(t => t.Theme, StringComparer.Ordinal);
            var indicators = score.Groups.SelectMany(g => g.Indicators).ToDictionary(i => i.Code, StringComparer.Ordinal);
            _themeExact[c] = new Fraction?[_themes.Length];
            _themeScores[c] = new double[_themes.Length];
            _themeLow[c] = new bool[_themes.Length];
            _themeTallies[c] = new Tally[_themes.Length];
            for (var t = 0; t < _themes.Length; t++)
            {
                var found = themes.GetValueOrDefault(_themes[t].Code);
                _themeExact[c][t] = found?.Exact;
                _themeScores[c][t] = found?.Score ?? double.NaN;
                _themeLow[c][t] = found?.LowCoverage ?? true;
                _themeTallies[c][t] = found?.Tally ?? default;
            }

            _adoptionExact[c] = new Fraction?[_indicators.Length];
            _adoptions[c] = new double[_indicators.Length];
            _indicatorLow[c] = new bool[_indicators.Length];
            _indicatorTallies[c] = new Tally[_indicators.Length];
            for (var i = 0; i < _indicators.Length; i++)
            {
                var found = indicators.GetValueOrDefault(_indicators[i].Code);
                _adoptionExact[c][i] = found?.Tally.ExactShareMet * 100;
                _adoptions[c][i] = _adoptionExact[c][i]?.ToDouble() ?? double.NaN;
                _indicatorLow[c][i] = found?.LowCoverage ?? true;
                _indicatorTallies[c][i] = found?.Tally ?? default;
            }
        });

        var margin = Fraction.FromDecimal((decimal)options.Margin);
        (_themeExactMedians, _themeMedians, _themeCounts, var themeGaps, _strongTheme, _themeRanks) = Classify(_themeExact, _themes.Length, margin);
        (_indicatorExactMedians, _indicatorMedians, _indicatorCounts, var indicatorGaps, _strongIndicator, _indicatorRanks) = Classify(_adoptionExact, _indicators.Length, margin);
        _gapThemes = themeGaps;
        _gapIndicators = indicatorGaps;
        _profiles = new StrengthsAndGaps[n];
        Parallel.For(0, n, parallel, c => _profiles[c] = BuildProfile(c));
    }

    public Framework Framework { get; }

    public MatchingOptions Options { get; }

    /// <summary>The cities, ordered by id.</summary>
    public IReadOnlyList<MatchingCity> Cities { get; }

    /// <summary>Each city's strengths and gaps, in the order of <see cref="Cities"/>.</summary>
    public IReadOnlyList<StrengthsAndGaps> StrengthsAndGaps => _profiles;

    /// <exception cref="MatchingInputException">Two cities share an id, or the options are out of range.</exception>
    public static NetworkAnalysis Analyse(Framework framework, IEnumerable<MatchingCity> cities, MatchingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(cities);
        options ??= MatchingOptions.For(framework);
        if (!(options.Margin is > 0 and <= 100))
        {
            throw new MatchingInputException($"The margin for strengths and gaps is {options.Margin}; give a number of points above 0 and at most 100.");
        }

        if (!(options.IndicatorWeight >= 0 && double.IsFinite(options.IndicatorWeight)))
        {
            throw new MatchingInputException($"The indicator weight is {options.IndicatorWeight}; give a number of 0 or more.");
        }

        var sorted = cities.OrderBy(c => c.Id).ToArray();
        for (var c = 1; c < sorted.Length; c++)
        {
            if (sorted[c].Id == sorted[c - 1].Id)
            {
                throw new MatchingInputException($"Cities '{sorted[c - 1].Name}' and '{sorted[c].Name}' have the same id {sorted[c].Id}; each city must appear once.");
            }
        }

        return new NetworkAnalysis(framework, sorted, options);
    }

    /// <summary>The median of the cities with data on the theme, or null when none has data.</summary>
    public double? ThemeMedian(string theme)
    {
        var t = Array.FindIndex(_themes, x => x.Code == theme);
        return t < 0 || _themeCounts[t] == 0 ? null : _themeMedians[t];
    }

    /// <summary>The median adoption (0–100) of the cities with data on the indicator, or null when none has data.</summary>
    public double? IndicatorMedian(string code)
    {
        var i = Array.FindIndex(_indicators, x => x.Code == code);
        return i < 0 || _indicatorCounts[i] == 0 ? null : _indicatorMedians[i];
    }

    public StrengthsAndGaps For(int cityId) => _profiles[IndexOf(cityId)];

    public MatchingCity City(int cityId) => Cities[IndexOf(cityId)];

    /// <summary>L(learner ← teacher) with every term behind it, largest gain first.</summary>
    public LearningValue Learning(int learnerId, int teacherId)
    {
        var a = IndexOf(learnerId);
        var b = IndexOf(teacherId);
        var items = new List<LearningItem>();
        if (a != b)
        {
            foreach (var t in _gapThemes[a])
            {
                var teacher = _themeScores[b][t];
                var learner = _themeScores[a][t];
                if (_themeRanks[b][t] > _themeRanks[a][t])
                {
                    items.Add(new LearningItem(EvidenceLevel.Theme, _themes[t].Code, learner, teacher, 1, _themeLow[a][t], _themeLow[b][t], _strongTheme[b][t]));
                }
            }

            foreach (var i in _gapIndicators[a])
            {
                var teacher = _adoptions[b][i];
                var learner = _adoptions[a][i];
                if (_indicatorRanks[b][i] > _indicatorRanks[a][i] && Options.IndicatorWeight > 0)
                {
                    items.Add(new LearningItem(EvidenceLevel.Indicator, _indicators[i].Code, learner, teacher, Options.IndicatorWeight, _indicatorLow[a][i], _indicatorLow[b][i], _strongIndicator[b][i]));
                }
            }
        }

        // Stable sort keeps themes before indicators and framework order among equal gains.
        var ordered = items.OrderByDescending(x => x.Gain).ToList();
        return new LearningValue(learnerId, teacherId, Values[a, b], ordered);
    }

    /// <summary>L(learner ← teacher) alone.</summary>
    public double LearningValueOf(int learnerId, int teacherId) => Values[IndexOf(learnerId), IndexOf(teacherId)];

    /// <summary>The learning value of every ordered pair, [learner, teacher] in the order of <see cref="Cities"/> (for a heatmap).</summary>
    public double[,] LearningMatrix() => (double[,])Values.Clone();

    /// <summary>L(a ← b) in whole millionths, by city index; what the pairing compares.</summary>
    internal long Scaled(int a, int b) => (long)Math.Round(Values[a, b] * Scale, MidpointRounding.AwayFromZero);

    private double[,] Values => _values ??= ComputeValues();

    private double[,] ComputeValues()
    {
        var n = Cities.Count;
        var values = new double[n, n];
        Parallel.For(0, n, LargeNetwork.Options(n), a =>
        {
            for (var b = 0; b < n; b++)
            {
                values[a, b] = Value(a, b);
            }
        });

        return values;
    }

    internal bool TryIndexOf(int cityId, out int index) => _indexOf.TryGetValue(cityId, out index);

    internal int IndexOf(int cityId) =>
        _indexOf.TryGetValue(cityId, out var index)
            ? index
            : throw new MatchingInputException($"City id {cityId} is not in this network round; use one of the ids of its cities.");

    private double Value(int a, int b)
    {
        if (a == b)
        {
            return 0;
        }

        // A teacher without data on the item has rank -1, below the learner's: it adds nothing.
        double themes = 0;
        var learner = _themeScores[a];
        var teacher = _themeScores[b];
        var learnerRank = _themeRanks[a];
        var teacherRank = _themeRanks[b];
        foreach (var t in _gapThemes[a])
        {
            if (teacherRank[t] > learnerRank[t])
            {
                themes += teacher[t] - learner[t];
            }
        }

        double indicators = 0;
        var learnerAdoption = _adoptions[a];
        var teacherAdoption = _adoptions[b];
        var learnerIndicatorRank = _indicatorRanks[a];
        var teacherIndicatorRank = _indicatorRanks[b];
        foreach (var i in _gapIndicators[a])
        {
            if (teacherIndicatorRank[i] > learnerIndicatorRank[i])
            {
                indicators += teacherAdoption[i] - learnerAdoption[i];
            }
        }

        return (themes + (Options.IndicatorWeight * indicators)) / 100;
    }

    /// <summary>
    /// Medians (exact, and as doubles for display), counts with data, each city's gap items, strength flags and
    /// ranks, by the rule of the remarks, every comparison on exact figures.
    /// </summary>
    internal static (Fraction[] ExactMedians, double[] Medians, int[] Counts, int[][] Gaps, bool[][] Strong, int[][] Ranks) Classify(Fraction?[][] figures, int items, Fraction margin)
    {
        var n = figures.Length;
        var exactMedians = new Fraction[items];
        var medians = new double[items];
        var counts = new int[items];
        var gap = Enumerable.Range(0, n).Select(_ => new bool[items]).ToArray();
        var strong = Enumerable.Range(0, n).Select(_ => new bool[items]).ToArray();
        var ranks = Enumerable.Range(0, n).Select(_ => new int[items]).ToArray();

        // Items in parallel on a large network: each writes only its own column.
        Parallel.For(0, items, LargeNetwork.Options(n), () => new List<Fraction>(n), (item, _, values) =>
        {
            values.Clear();
            for (var c = 0; c < n; c++)
            {
                ranks[c][item] = -1;
                if (figures[c][item] is { } figure)
                {
                    values.Add(figure);
                }
            }

            counts[item] = values.Count;
            if (values.Count == 0)
            {
                medians[item] = double.NaN;
                return values;
            }

            values.Sort();
            var count = values.Count;
            var median = count % 2 == 1 ? values[count / 2] : (values[(count / 2) - 1] + values[count / 2]) / 2;
            exactMedians[item] = median;
            medians[item] = median.ToDouble();
            var third = (count + 2) / 3;
            for (var c = 0; c < n; c++)
            {
                if (figures[c][item] is not { } x)
                {
                    continue;
                }

                var below = LowerBound(values, x);
                ranks[c][item] = below;
                if (x - median >= margin && count - UpperBound(values, x) < third)
                {
                    strong[c][item] = true;
                }
                else if (median - x >= margin && below < third)
                {
                    gap[c][item] = true;
                }
            }

            return values;
        }, _ => { });

        int[][] gaps = [.. gap.Select(g => Enumerable.Range(0, items).Where(item => g[item]).ToArray())];
        return (exactMedians, medians, counts, gaps, strong, ranks);
    }

    /// <summary>Number of values strictly below <paramref name="x"/> in a sorted list.</summary>
    private static int LowerBound(List<Fraction> sorted, Fraction x)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Number of values at most <paramref name="x"/> in a sorted list.</summary>
    private static int UpperBound(List<Fraction> sorted, Fraction x)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private StrengthsAndGaps BuildProfile(int c)
    {
        // Each finding with its exact difference from the median, by which the lists are ordered.
        var themeStrengths = new List<(ThemeFinding Finding, Fraction Difference)>();
        var themeGaps = new List<(ThemeFinding Finding, Fraction Difference)>();
        var gapThemes = _gapThemes[c].ToHashSet();
        for (var t = 0; t < _themes.Length; t++)
        {
            var isStrong = _strongTheme[c][t];
            if (!isStrong && !gapThemes.Contains(t))
            {
                continue;
            }

            var evidence = _indicators
                .Select((indicator, i) => (indicator, i))
                .Where(x => x.indicator.Themes.Contains(_themes[t].Code))
                .Select(x => new IndicatorEvidence(
                    x.indicator.Code,
                    NullIfNaN(_adoptions[c][x.i]),
                    _indicatorCounts[x.i] == 0 ? null : _indicatorMedians[x.i],
                    _indicatorTallies[c][x.i],
                    _indicatorLow[c][x.i]))
                .ToList();
            var finding = new ThemeFinding(_themes[t].Code, _themeScores[c][t], _themeMedians[t], _themeCounts[t], _themeTallies[c][t], _themeLow[c][t], evidence);
            (isStrong ? themeStrengths : themeGaps).Add((finding, _themeExact[c][t]!.Value - _themeExactMedians[t]));
        }

        var indicatorStrengths = new List<(IndicatorFinding Finding, Fraction Difference)>();
        var indicatorGaps = new List<(IndicatorFinding Finding, Fraction Difference)>();
        var gapIndicators = _gapIndicators[c].ToHashSet();
        for (var i = 0; i < _indicators.Length; i++)
        {
            var isStrong = _strongIndicator[c][i];
            if (!isStrong && !gapIndicators.Contains(i))
            {
                continue;
            }

            var indicator = _indicators[i];
            var finding = new IndicatorFinding(indicator.Code, indicator.Group, indicator.Stage, indicator.Themes, _adoptions[c][i], _indicatorMedians[i], _indicatorCounts[i], _indicatorTallies[c][i], _indicatorLow[c][i]);
            (isStrong ? indicatorStrengths : indicatorGaps).Add((finding, _adoptionExact[c][i]!.Value - _indicatorExactMedians[i]));
        }

        // OrderBy is stable: equal leads keep framework order.
        return new StrengthsAndGaps(
            Cities[c],
            [.. themeStrengths.OrderByDescending(f => f.Difference).Select(f => f.Finding)],
            [.. themeGaps.OrderBy(f => f.Difference).Select(f => f.Finding)],
            [.. indicatorStrengths.OrderByDescending(f => f.Difference).Select(f => f.Finding)],
            [.. indicatorGaps.OrderBy(f => f.Difference).Select(f => f.Finding)]);
    }

    private static double? NullIfNaN(double x) => double.IsNaN(x) ? null : x;
}
