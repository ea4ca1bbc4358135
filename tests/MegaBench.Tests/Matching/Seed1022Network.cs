using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Scoring;

namespace MegaBench.Tests.Matching;

/// <summary>
/// The network of issue 14's reproduction: <c>--generate-rounds --cities 9 --organisations-per-group 2 --seed 1022</c>
/// of the bench generator, on MEGA 2018. One line per organisation: its city (1 to 9, "City 000n" of
/// "Country 0n"), its group, and its answers to the group's statements in code order (y yes, n no,
/// d not determined, . unanswered). City 0003 has no gap, so before every city got a partner it was left alone.
/// </summary>
internal static class Seed1022Network
{
    private static readonly string[] Organisations =
    [
        "1 MUN nyn..n.d.y....ny.y.y..n..d...",
        "1 MUN ydnyynnnnnyynnyydnynnynnnnnyn",
        "1 CCI nnyndyynnynydnnnnn",
        "1 CCI .n.n..d......dy..y",
        "1 BUS ynyyynyynndynnn",
        "1 BUS .y.......d...y.",
        "1 IBO yynynynnyynnnn",
        "1 IBO .dn.y.n...dy..",
        "2 MUN nyynnynnyyyynnnynyyynnnynnnyn",
        "2 MUN ndnyy.yny.nyn.yyyynnyynndnn.y",
        "2 CCI nyyyyyyynyndnnnnyn",
        "2 CCI nnyynnynynnynnynyn",
        "2 BUS nyynynnndynyynn",
        "2 BUS ndyyynnyyyyydnn",
        "2 IBO ynyyynynndnnnn",
        "2 IBO ynnyyyynyyynyn",
        "3 MUN ydyyyyyynyynynynyynnnyynynnyn",
        "3 MUN yydydnynynyynyyyydynnynnyyynn",
        "3 CCI ...yyy.y.y.y..y.dy",
        "3 CCI ..................",
        "3 BUS ..y.y.....n....",
        "3 BUS yyydyyyy.yyyyny",
        "3 IBO yydyyyynyyynny",
        "3 IBO yynyynnyynyddn",
        "4 MUN nnnynnnyndnnnnnnnnnnnnnnnnndn",
        "4 MUN nnnnnnndndnndndynnndnnnnnnnny",
        "4 CCI nynnnnnnnnnnnnnnnn",
        "4 CCI ynnnnnynnndnnndndn",
        "4 BUS ynnynynnnnynnnd",
        "4 BUS nnnynndnnndnnyn",
        "4 IBO nnnnnnnnnnnnnn",
        "4 IBO nnndnnnnnydnnn",
        "5 MUN yyyydyynnnyyyynynynynndnyynyn",
        "5 MUN .y.y...n...dyy..ny..y........",
        "5 CCI dnynynnnynyyndyndy",
        "5 CCI .yd...n..ny....dn.",
        "5 BUS ydyyyyyyydyyydy",
        "5 BUS yyndddynnnyydny",
        "5 IBO yyyydnyynnnynn",
        "5 IBO yndyynydydnydy",
        "6 MUN nnnnnyynynynynnynnnnnnnnnnnnn",
        "6 MUN nndnnnnnndnddnnnnnnnynnnynnyn",
        "6 CCI nndynnnyynynnnnnnn",
        "6 CCI ndnnnnnnnnynnynndd",
        "6 BUS nnyynnndndnnnnn",
        "6 BUS ddnnnndynnynnnd",
        "6 IBO nydnndnnnnnnnn",
        "6 IBO n.n.ny.n.yndn.",
        "7 MUN nnyndndnnnnnnnnnnddnndddnnnnn",
        "7 MUN ynd.nn.nndnnyny..nnnn.nnnnn.n",
        "7 CCI ndnndynynndndnnnnd",
        "7 CCI nyd..nnnn.nnnnnnn.",
        "7 BUS nnynynnnnynndnn",
        "7 BUS nnynnnnnndnnnnn",
        "7 IBO nnnnnnnnnyndnn",
        "7 IBO ndyynnnnnnnnnn",
        "8 MUN ..ynyydnyy.dynnnyy.nnnn..ydn.",
        "8 MUN .............................",
        "8 CCI yyynnnnndyydnnynnn",
        "8 CCI y....yn.....y.nn.n",
        "8 BUS yyyyynnndyynnny",
        "8 BUS yyyydnyynnnny.n",
        "8 IBO nnynnyynnnnnnn",
        "8 IBO nyyynnyyynydnn",
        "9 MUN yyyyyynnyyyyynnnnyndnnnnynyyn",
        "9 MUN .....nnynny.nnn...n.yn.n.d.d.",
        "9 CCI nyynydnnnndnnnnnyn",
        "9 CCI nyyynnnnndnnnnnnyn",
        "9 BUS dynddnnynnynyny",
        "9 BUS nynynnyynyynynn",
        "9 IBO yynnynnnnynnny",
        "9 IBO .nn..nnnd..ynn",
    ];

    public static NetworkAnalysis Analyse()
    {
        var mega = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));
        var cities = Organisations
            .Select((line, id) => (Line: line.Split(' '), Id: id + 1))
            .GroupBy(o => int.Parse(o.Line[0], System.Globalization.CultureInfo.InvariantCulture))
            .Select(city => new MatchingCity(
                city.Key,
                $"City {city.Key:0000}",
                $"Country {city.Key:00}",
                Scorer.Score(mega, [.. city.Select(o => Organisation(mega, o.Id, o.Line[1], o.Line[2]))])));
        return NetworkAnalysis.Analyse(mega, cities);
    }

    private static OrganisationAnswers Organisation(Framework framework, int id, string group, string answers)
    {
        var codes = framework.Indicators.Where(i => i.Group == group).Select(i => i.Code).Order(StringComparer.Ordinal).ToList();
        var values = new Dictionary<string, AnswerValue>();
        for (var k = 0; k < codes.Count; k++)
        {
            if (answers[k] != '.')
            {
                values[codes[k]] = answers[k] switch { 'y' => AnswerValue.Yes, 'n' => AnswerValue.No, _ => AnswerValue.NotDetermined };
            }
        }

        return new OrganisationAnswers(id, $"{group} organisation {id}", group, values);
    }
}
