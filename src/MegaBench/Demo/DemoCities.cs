using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Rounds;

namespace MegaBench.Demo;

/// <summary>
/// The profile of an invented demo city: how likely its organisations are to say yes to a statement.
/// </summary>
/// <remarks>
/// Chance of yes = <see cref="Level"/> + the stage's shift (basic statements are met more often than
/// advanced ones) + the biases of the statement's themes + the bias of its group; the caller adds each
/// organisation's own capacity and clamps the result.
/// </remarks>
internal sealed record DemoCity(
    string Name,
    string Country,
    int Seed,
    int[] Years,
    double Level,
    IReadOnlyDictionary<string, double> ThemeBias,
    IReadOnlyDictionary<string, double> GroupBias,
    string Character,
    string NationalContext,
    string RegionalAndLocal,
    string Obstacles,
    string KeyChallenges,
    string PromisingPractices)
{
    public double ChanceOfYes(Indicator indicator)
    {
        var stageShift = indicator.Stage switch { 1 => 0.2, 2 => 0.0, _ => -0.2 };
        var themes = indicator.Themes.Sum(t => ThemeBias.GetValueOrDefault(t));
        return Level + stageShift + themes + GroupBias.GetValueOrDefault(indicator.Group);
    }

    public IEnumerable<string> StrongThemes => ThemeBias.Where(kv => kv.Value >= 0.15).OrderByDescending(kv => kv.Value).Select(kv => kv.Key);

    public IEnumerable<string> WeakThemes => ThemeBias.Where(kv => kv.Value < 0).OrderBy(kv => kv.Value).Select(kv => kv.Key);
}

/// <summary>The invented cities of the demo network and the texts their rounds are made of.</summary>
internal static class DemoCities
{
    private static readonly Dictionary<string, double> None = [];

    public static readonly DemoCity[] All =
    [
        new(
            "Port Alder", "Arventia", 1101, [2016, 2018], 0.45,
            new Dictionary<string, double> { ["finance"] = 0.45, ["facilities"] = 0.15, ["data"] = -0.25 },
            None,
            "a harbour city whose support for migrant entrepreneurs grew out of its microcredit and guarantee schemes",
            "Arventia has a national start-up loan scheme open to every resident with a business plan, whatever their nationality, and a one-stop register for new companies.",
            "The region co-funds a guarantee fund with the local banks. The city runs two incubators in former dock warehouses and a business desk in the town hall.",
            "Founders without a local credit history are still turned down by mainstream banks; support services rarely follow up after the loan is granted.",
            "Measuring what the loans achieve: nobody collects data on the businesses after their second year, and the city cannot tell which programmes work.",
            "The *Harbour Loan Fund* pairs every microloan with a volunteer mentor from the local business community, and repayment rates are high."),
        new(
            "Valmeria", "Lusitara", 2203, [2016, 2018], 0.45,
            new Dictionary<string, double> { ["data"] = 0.45, ["governance"] = 0.2, ["finance"] = -0.2 },
            None,
            "a university city where the municipality, the chamber and the associations share one monitoring dashboard",
            "Lusitara's statistics office publishes business start-up figures by region every quarter. Access to finance is organised nationally and is hard to reach for small founders.",
            "Valmeria's economic development department runs a yearly survey of new businesses together with the university, and publishes the results openly.",
            "Small loans are scarce: banks ask for guarantees that newcomers cannot give, and there is no local microcredit provider.",
            "Turning good data into funding: the city knows where founders struggle but has no financial instrument to offer them.",
            "The *Valmeria Founders Monitor* follows every supported business for five years and feeds a yearly public evaluation meeting."),
        new(
            "Kessmoor", "Arventia", 3307, [2016, 2018], 0.15,
            new Dictionary<string, double> { ["visibility"] = 0.15, ["finance"] = -0.1, ["training"] = -0.1, ["networking"] = -0.05 },
            None,
            "a former industrial town where support for migrant entrepreneurs is only beginning",
            "Arventia's national schemes exist but are little known outside the capital region.",
            "Kessmoor has no business support office of its own; the regional agency visits once a month. Migrant founders rely on family and community networks.",
            "Information is scattered, few services speak another language than Arventian, and most organisations have no budget for new activities.",
            "Getting started: agreeing who does what, and making the existing services visible to newcomers.",
            "A volunteer-run *Welcome Desk* in the public library points newcomers to the right office and is well used."),
        new(
            "Lindqvarn", "Kaldoria", 4409, [2018], 0.45,
            new Dictionary<string, double> { ["networking"] = 0.4, ["language"] = 0.4, ["recognition"] = 0.15, ["finance"] = -0.2, ["procurement"] = -0.15 },
            None,
            "a multilingual city with a dense web of community business networks",
            "Kaldoria has three official languages and a long tradition of adult education; business registration can be done in any of them.",
            "The city funds business cafés in four neighbourhoods and translates all its business information into eight languages.",
            "Networks are strong but money is not: few founders obtain a loan, and public procurement rules keep small suppliers out.",
            "Opening public purchasing to small and migrant-owned businesses, and linking the networks to finance.",
            "Monthly *Business Cafés* run by migrant entrepreneurs in their own languages, with a yearly award for role models."),
        new(
            "Oriana Bay", "Lusitara", 5501, [2018], 0.4,
            new Dictionary<string, double> { ["training"] = 0.15, ["legal"] = 0.1, ["data"] = -0.15 },
            new Dictionary<string, double> { ["CCI"] = 0.45 },
            "a trading city whose chambers of commerce lead the support for migrant entrepreneurs",
            "Lusitara's chambers of commerce hold a public mandate for business registration and training.",
            "The Oriana Bay chambers run a migrant entrepreneurship unit with dedicated advisers, and the municipality mostly relies on them.",
            "The municipality and the associations depend on the chambers and do little on their own; data is not shared between them.",
            "Sharing the chambers' experience with the other organisations, and measuring results together.",
            "The chambers' *Start in Oriana* programme offers training, legal advice and a mentor in one place, and it is run with migrant associations."),
        new(
            "Tavrenne", "Belvaria", 6607, [2018], 0.55,
            None,
            None,
            "a mid-sized city with steady, well-rounded support across all stakeholder groups",
            "Belvaria's national enterprise agency works through regional offices and funds local partnerships.",
            "Tavrenne has a local partnership for entrepreneurship that brings together the city, the chamber, two business federations and three migrant associations.",
            "Many services exist but few are tailored to migrant founders; waiting lists for advice are long in spring.",
            "Moving from a broad offer to one that reaches the founders who need it most.",
            "A shared *Tavrenne Entrepreneur Passport* lets founders move between services without repeating their story."),
    ];

    public static readonly string[] OrganisationNotes =
    [
        "Answered jointly by the economic development and the social inclusion departments.",
        "A federation of about forty local associations; the answers were given by its board.",
        "Founded in 2011 and run mostly by volunteers.",
        "Works across the whole metropolitan area, not only the city.",
        "Interviewed in person; the questionnaire was completed with the coordinator.",
    ];

    private static readonly string[] YesComments =
    [
        "Only when resources are available",
        "Through a partner organisation",
        "Started as a pilot project",
        "Only in the city centre",
        "Not at international level",
        "Once a year",
    ];

    private static readonly string[] NoComments =
    [
        "Planned for next year",
        "Discussed, but not funded",
        "Done by the regional office, not by us",
        "Only on request",
    ];

    private static readonly string[] NotDeterminedComments =
    [
        "The person in charge has left; to be confirmed",
        "Depends on the department",
    ];

    public static string[] Comments(AnswerValue value) => value switch
    {
        AnswerValue.Yes => YesComments,
        AnswerValue.No => NoComments,
        _ => NotDeterminedComments,
    };

    /// <summary>Invented organisation names for a group; the MEGA groups have their own, any other group a generic set.</summary>
    public static IEnumerable<(string Name, string Kind)> Templates(StakeholderGroup group, DemoCity city)
    {
        var c = city.Name;
        return group.Code switch
        {
            "MUN" =>
            [
                ($"City of {c}", "city"),
                ($"{c} Metropolitan Region", "region"),
                ($"{c} Department of Economic Affairs", "department"),
                ($"{c} Intermunicipal Development Agency", "intermunicipality"),
                ($"{c} Employment and Enterprise Office", "department"),
                ($"{c} District Council East", "department"),
            ],
            "CCI" =>
            [
                ($"{c} Chamber of Commerce and Industry", "chamber"),
                ($"{c} Chamber of Crafts and Trades", "chamber"),
                ($"{city.Country} Chamber of Commerce, {c} office", "chamber"),
                ($"{c} Chamber of Agriculture", "chamber"),
                ($"{c} and District Regional Chamber", "chamber"),
                ($"{c} Chamber of Skilled Trades", "chamber"),
            ],
            "BUS" =>
            [
                ($"{c} Small Business Federation", "business-association"),
                ($"{c} Start-up Hub", "incubator"),
                ($"{c} Women in Business Network", "business-association"),
                ($"{c} Microcredit Foundation", "foundation"),
                ($"{c} Retailers' Association", "business-association"),
                ($"{c} Social Enterprise Incubator", "incubator"),
                ($"{c} Family Business Circle", "business-association"),
            ],
            "IBO" =>
            [
                ($"{c} Migrant Entrepreneurs Association", "migrant-association"),
                ($"New Neighbours Business Club {c}", "migrant-association"),
                ($"{c} Intercultural Traders' Union", "migrant-association"),
                ($"Diaspora Enterprise Circle of {c}", "migrant-association"),
                ($"{c} Newcomer Founders Network", "migrant-association"),
                ($"Bridges Business Forum {c}", "migrant-association"),
            ],
            _ => Enumerable.Range(1, 6).Select(n => ($"{c} {group.Name.Source} member {n}", "other")),
        };
    }

    /// <summary>The round's report sections, in Markdown; "may share" and "may look at" name the framework's themes.</summary>
    public static IEnumerable<(NarrativeKind Kind, string Markdown)> Narrative(Framework framework, DemoCity city, int year)
    {
        string ThemeList(IEnumerable<string> codes, IEnumerable<string> groups, string none)
        {
            var names = groups.Select(framework.FindGroup).OfType<StakeholderGroup>().Select(g => $"- the work of its {g.Name.Source.ToLowerInvariant()}")
                .Concat(codes.Select(framework.FindTheme).OfType<Theme>().Select(t => $"- {t.Name.Source}"))
                .ToList();
            return names.Count == 0 ? none : string.Join("\n", names);
        }

        var strongGroups = city.GroupBias.Where(kv => kv.Value >= 0.15).Select(kv => kv.Key);

        yield return (NarrativeKind.NationalContext,
            $"*Fictional demo content: {city.Name}, {city.Country} and every organisation and answer in this round are invented.*\n\n" +
            $"{city.Name} is {city.Character}. {city.NationalContext}");
        yield return (NarrativeKind.RegionalAndLocalLevel, city.RegionalAndLocal);
        yield return (NarrativeKind.Obstacles, city.Obstacles);
        yield return (NarrativeKind.KeyChallenges, year == city.Years[^1]
            ? city.KeyChallenges
            : $"In {year} the first task was to bring the organisations together around this benchmark. {city.KeyChallenges}");
        yield return (NarrativeKind.PromisingPractices, city.PromisingPractices);
        yield return (NarrativeKind.MayShare,
            $"{city.Name} may share its experience in:\n\n" +
            ThemeList(city.StrongThemes, strongGroups, "- a broad, balanced offer across all stakeholder groups"));
        yield return (NarrativeKind.MayLookAt,
            $"{city.Name} may look at practices elsewhere in:\n\n" +
            ThemeList(city.WeakThemes, [], "- reaching the migrant founders who need support most"));
    }
}
