using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Scoring;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Matching;

/// <summary>
/// Builds matching networks on the test framework (themes data, finance, networking; groups AAA and BBB with
/// two statements per stage, so four indicators per theme). Cities are scored through <see cref="Scorer"/> from
/// answers, or given scores directly when a test needs exact figures.
/// </summary>
internal sealed class MatchingNetwork
{
    public static readonly Framework Framework = Localised(new FrameworkBuilder().Build());

    private readonly List<MatchingCity> _cities = [];

    public IReadOnlyList<MatchingCity> Cities => _cities;

    /// <summary>
    /// A city whose organisation in each group answers yes to the first <c>percent / 25</c> statements of each
    /// listed theme (in framework order) and no to the others, so its theme score is exactly <c>percent</c>
    /// (a multiple of 25). Unlisted themes are answered "not determined": no data.
    /// </summary>
    public MatchingNetwork Answered(int id, string name, string country, params (string Theme, int Percent)[] themes)
    {
        var answers = new Dictionary<string, AnswerValue>();
        foreach (var (theme, percent) in themes)
        {
            var ofTheme = Framework.Indicators.Where(i => i.Themes.Contains(theme)).ToList();
            for (var k = 0; k < ofTheme.Count; k++)
            {
                answers[ofTheme[k].Code] = k < percent * ofTheme.Count / 100 ? AnswerValue.Yes : AnswerValue.No;
            }
        }

        return Answers(id, name, country, i => answers.GetValueOrDefault(i.Code, AnswerValue.NotDetermined));
    }

    /// <summary>A city with one organisation per group, answering each statement as <paramref name="answer"/> says.</summary>
    public MatchingNetwork Answers(int id, string name, string country, Func<Indicator, AnswerValue> answer)
    {
        var answers = Framework.Indicators.ToDictionary(i => i.Code, answer);
        var organisations = Framework.Groups.Select((g, i) => new OrganisationAnswers(
            (id * 10) + i,
            $"{name} {g.Code}",
            g.Code,
            answers.Where(a => a.Key.StartsWith(g.Code, StringComparison.Ordinal)).ToDictionary()));
        _cities.Add(new MatchingCity(id, name, country, Scorer.Score(Framework, organisations)));
        return this;
    }

    /// <summary>A city with exact theme scores and no indicator data.</summary>
    public MatchingNetwork Themes(int id, string name, string country, params (string Theme, double? Score)[] themes)
    {
        _cities.Add(new MatchingCity(id, name, country, Direct(themes, [])));
        return this;
    }

    /// <summary>A city with exact theme scores given as fractions (such as 65/3) and no indicator data.</summary>
    public MatchingNetwork ExactThemes(int id, string name, string country, params (string Theme, Fraction Score)[] themes)
    {
        var score = Direct([], []);
        _cities.Add(new MatchingCity(id, name, country, score with
        {
            Themes = [.. themes.Select(t => new ThemeScore(t.Theme, t.Score, 4, 4, new Tally(2, 2, 0, 0), false))],
        }));
        return this;
    }

    /// <summary>A city with random theme scores and indicator tallies, some of them missing.</summary>
    public MatchingNetwork Random(int id, Random random, string country)
    {
        var indicators = Framework.Indicators
            .Select(i => (i.Code, Yes: random.Next(0, 4), No: random.Next(0, 4)))
            .ToList();
        var themes = Framework.Themes
            .Select(t => (t.Code, random.Next(8) == 0 ? (double?)null : random.Next(0, 21) * 5.0))
            .ToArray();
        _cities.Add(new MatchingCity(id, $"City {id}", country, Direct(themes, indicators)));
        return this;
    }

    /// <summary>Another city with the scores of <paramref name="city"/>: ties for the pairing to settle.</summary>
    public MatchingNetwork Copy(MatchingCity city, int id, string country)
    {
        _cities.Add(city with { Id = id, Name = $"City {id}", Country = country });
        return this;
    }

    public NetworkAnalysis Analyse(MatchingOptions? options = null) => NetworkAnalysis.Analyse(Framework, _cities, options);

    public static CityScore Direct(IEnumerable<(string Theme, double? Score)> themes, IEnumerable<(string Code, int Yes, int No)> indicators)
    {
        var results = indicators
            .Select(i => new IndicatorResult(i.Code, i.Code[..3], i.Code[4] - '0', new Tally(i.Yes, i.No, 0, 0), i.Yes + i.No == 0))
            .GroupBy(i => i.Group)
            .Select(g => new GroupScore(g.Key, [], [.. g], null, [], 0, default, false))
            .ToList();
        var themeScores = themes
            .Select(t => new ThemeScore(t.Theme, t.Score is { } score ? Fraction.FromDecimal((decimal)score) : null, 4, t.Score is null ? 0 : 4, new Tally(t.Score is null ? 0 : 2, t.Score is null ? 0 : 2, 0, 0), t.Score is null))
            .ToList();
        return new CityScore(results, themeScores);
    }

    /// <summary>The test framework with real-looking theme names in English and French.</summary>
    private static Framework Localised(Framework framework)
    {
        static LocalizedText T(string en, string fr) => new("en", [new("en", en), new("fr", fr)]);
        var names = new Dictionary<string, LocalizedText>
        {
            ["data"] = T("Data gathering and evaluation", "Collecte de données et évaluation"),
            ["finance"] = T("Access to finance", "Accès au financement"),
            ["networking"] = T("Networking between entrepreneurs", "Mise en réseau des entrepreneurs"),
        };
        return framework with { Themes = [.. framework.Themes.Select(t => t with { Name = names[t.Code] })] };
    }
}
