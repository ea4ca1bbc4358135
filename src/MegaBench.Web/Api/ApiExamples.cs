using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Matching;
using MegaBench.Questionnaires;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Scoring;
using MegaBench.Web.Pages.Cities;
using MegaBench.Web.Pages.Organisations;
using MegaBench.Web.Pages.Practices;
using MegaBench.Web.Pages.Rounds;
using static MegaBench.Web.Api.CycleEndpoints;
using static MegaBench.Web.Api.RoundEndpoints;

namespace MegaBench.Web.Api;

/// <summary>
/// One sample per type that an operation of the API reads or writes as JSON, in the demo network's style (invented
/// cities of invented countries, never a real organisation). <see cref="ApiDocument"/> serialises them with the API's
/// own JSON options as the operations' examples; <c>Web/Api/ApiExamplesTests</c> reads each example back into its type,
/// so a sample cannot name a field the API does not know, and an operation whose type has no sample fails there.
/// </summary>
public static class ApiExamples
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 16, 9, 30, 0, TimeSpan.Zero);

    private static readonly Dictionary<Type, object[]> Samples = [];

    /// <summary>Path and query parameters by name: what a reader would send.</summary>
    private static readonly Dictionary<string, object> Parameters = new(StringComparer.Ordinal)
    {
        ["id"] = 7,
        ["code"] = "MUN-1.01",
        ["token"] = "mbq_3qJx0fVb2dYt8kQe1RwzL5nHs9GmUoPa4cIy7vXrT6E",
        ["section"] = "national-context",
        ["version"] = "2018.1",
        ["expiresInDays"] = 30,
        ["reason"] = "Sent back on paper by post; the coordinator typed the answers in.",
        ["acrossCountries"] = true,
        ["exclude"] = new[] { "Port Alder,Kessmoor" },
        ["force"] = new[] { "Valmeria,Port Alder" },
    };

    /// <summary>The <c>format</c> path parameter, per operation: one of the formats it serves.</summary>
    private static readonly Dictionary<string, string> Formats = new(StringComparer.Ordinal)
    {
        ["ExportRound"] = "xlsx",
        ["ExportCycle"] = "csv",
        ["ExportFeedbackReport"] = "pdf",
    };

    /// <summary>The <c>id</c> path parameter where 7 would mislead: a framework is named by its id and version.</summary>
    private static readonly Dictionary<string, object> FrameworkIds = new(StringComparer.Ordinal)
    {
        ["GetFramework"] = "mega-2018",
    };

    static ApiExamples()
    {
        // Requests.
        Add(new Pages.Networks.CreateModel.NetworkInput { Name = "Northern Shores network", Description = "Five port cities comparing their support for migrant founders, 2026–2028." });
        Add(new CityInput { Name = "Port Alder", Country = "Arventia" });
        Add(new RoundInput { Year = 2026, FrameworkId = 1, PreviousRoundId = 3, CopyAnswers = true });
        Add(new OrganisationInput
        {
            Name = "Port Alder Microcredit Foundation",
            GroupCode = "BUS",
            Kind = "foundation",
            Website = "https://port-alder-microcredit-foundation.example.org",
            ContactEmail = "loans@port-alder-microcredit-foundation.example.org",
            Notes = "Runs the Harbour Loan Fund with the city.",
        });
        Add(new PracticeInput
        {
            Title = "Harbour Loan Fund",
            Organisation = "Port Alder Microcredit Foundation",
            Description = "Every microloan comes with a volunteer mentor from the local business community for its first two years.",
            Link = "https://port-alder-microcredit-foundation.example.org/harbour-loan-fund",
            Language = "en",
            Themes = ["finance", "networking"],
        });
        Add(new StatusInput(RoundStatus.Closed));
        Add(new NarrativeInput("Arventia has a national start-up loan scheme open to every resident with a business plan, whatever their nationality."));
        Add(new PublishInput("5f0c2a9e41d7b3c86e2f1a0d9b4c7e35"));
        Add(new OrganisationEndpoints.CoordinatorAnswerInput(AnswerValue.Yes, "Figures by nationality since 2024.", "https://city-of-port-alder.example.org/business-monitor", "Checked against the 2025 report.", 2));
        Add(new QuestionnaireEndpoints.AnswerInput(AnswerValue.Yes, "We publish figures by nationality every year.", "https://city-of-port-alder.example.org/business-monitor", 0));

        // Networks, cities, rounds.
        Add(new FrameworkEndpoints.FrameworkSummary("mega-2018", "2018.1", 1, "MEGA – Migrant Entrepreneurship Growth Agenda (2018)", 76,
            "9c1185a5c5e9fc54612808977ee8f548b2258d31c7a1e7e8f5a1b6f0e6a3d2c4", Monday.AddYears(-1)));
        Add(
            new NetworkEndpoints.NetworkSummary(1, "MEGA demo network (fictional)", "A demonstration network for trying MegaBench. Every city, country, organisation, answer and text in it is invented.", true, 6),
            new NetworkEndpoints.NetworkSummary(2, "Northern Shores network", "Five port cities comparing their support for migrant founders, 2026–2028.", false, 5));
        Add(
            new CityEndpoints.CitySummary(3, 1, "Port Alder", "Arventia", 2),
            new CityEndpoints.CitySummary(4, 1, "Valmeria", "Lusitara", 2));
        Add(
            new RoundSummary(7, 3, 2026, "mega-2018", "2018.1", RoundStatus.Open),
            new RoundSummary(3, 3, 2018, "mega-2018", "2018.1", RoundStatus.Published));
        Add(new CreatedRound(new RoundSummary(7, 3, 2026, "mega-2018", "2018.1", RoundStatus.Open), new CarriedDto(3, 22, 1410, 0, [])));
        Add(new NarrativeSectionDto(NarrativeKind.NationalContext, "Arventia has a national start-up loan scheme open to every resident with a business plan, whatever their nationality."));
        Add(new RoundDetail(7, 3, "Port Alder", 2026, "mega-2018", "2018.1", RoundStatus.Open, Monday,
        [
            new(NarrativeKind.NationalContext, "Arventia has a national start-up loan scheme open to every resident with a business plan, whatever their nationality."),
            new(NarrativeKind.PromisingPractices, "The *Harbour Loan Fund* pairs every microloan with a volunteer mentor."),
        ]));
        Add(new PublicationSummaryDto(7, "5f0c2a9e41d7b3c86e2f1a0d9b4c7e35",
            [new("MUN", "Municipalities & region", 4, 61, 17, 6, 4, false), new("IBO", "Immigrant business organisations", 3, 20, 11, 9, 29, true)],
            [new(48, "Bridges Business Forum Port Alder", "IBO", QuestionnaireState.InProgress)],
            [new(45, "Port Alder Chamber of Commerce and Industry", "CCI", QuestionnaireState.Submitted)],
            [new(PublicationSummary.FigureKind.Group, null, "Immigrant business organisations")],
            new(3, 2018),
            null));

        // Organisations and answers.
        Add(
            new OrganisationEndpoints.OrganisationSummary(42, 7, "City of Port Alder", "MUN", "city", "https://city-of-port-alder.example.org", null, 1, 27, 29),
            new OrganisationEndpoints.OrganisationSummary(43, 7, "Port Alder Microcredit Foundation", "BUS", "foundation", "https://port-alder-microcredit-foundation.example.org", "Runs the Harbour Loan Fund with the city.", 1, 9, 15));
        Add(
            new OrganisationEndpoints.AnswerDto("MUN-1.01", AnswerValue.Yes, "Figures by nationality since 2024.", "https://city-of-port-alder.example.org/business-monitor", "Checked against the 2025 report.", "Amira Castell", Monday, 3),
            new OrganisationEndpoints.AnswerDto("MUN-1.02", AnswerValue.Unanswered, null, null, null, null, null, 0));
        Add(
            new CoordinatorEndpoints.QuestionnaireStatusDto(42, "City of Port Alder", "MUN", "enterprise@city-of-port-alder.example.org", QuestionnaireState.InProgress, 27, 29, Monday, Monday.AddDays(21)),
            new CoordinatorEndpoints.QuestionnaireStatusDto(44, "Port Alder Start-up Hub", "BUS", null, QuestionnaireState.NotInvited, 0, 15, null, null));
        Add(new CoordinatorEndpoints.IssuedInvitationDto(42, "https://benchmark.network.test/q/mbq_3qJx0fVb2dYt8kQe1RwzL5nHs9GmUoPa4cIy7vXrT6E", "mbq_3qJx0fVb2dYt8kQe1RwzL5nHs9GmUoPa4cIy7vXrT6E", Monday.AddDays(30)));
        Add(new AntiforgeryEndpoints.AntiforgeryToken("RequestVerificationToken", "CfDJ8Nq4mT0u9bWk3pL7xYvZcE2hRr5sGd1aFo6iUjKe8wQnBt"));

        // The questionnaire of a link.
        var statement = new QuestionnaireEndpoints.StatementDto("MUN-1.01",
            new("en", "The municipality has at its disposal basic data concerning immigrant entrepreneurs."),
            AnswerValue.Yes, "We publish figures by nationality every year.", "https://city-of-port-alder.example.org/business-monitor", 1, Monday);
        Add(new QuestionnaireEndpoints.QuestionnaireDto("City of Port Alder", new("MUN", new("en", "Municipalities & region")), "en", "open", null, Monday.AddDays(21), 1, 29,
        [
            new(1, new("en", "Laying the foundations"), new("en", "The municipalities and the region lay the foundations of their work on immigrant entrepreneurship."), [statement]),
        ]));
        Add(new QuestionnaireEndpoints.LinkAnswerDto("MUN-1.01", AnswerValue.Yes, "We publish figures by nationality every year.", "https://city-of-port-alder.example.org/business-monitor", 1, Monday));
        Add(new QuestionnaireEndpoints.SubmittedDto(Monday.AddDays(2)));

        // Scores and matching.
        Add(new ReportEndpoints.RoundScoresDto(7, 3, "Port Alder", 2026, "mega-2018", "2018.1", RoundStatus.Published, "2/3", "1/2", Score()));
        Add(Matching());

        // Practices and learning cycles.
        Add(new PracticeEndpoints.PracticeDto(12, 3, "Harbour Loan Fund", "Port Alder Microcredit Foundation",
            "Every microloan comes with a volunteer mentor from the local business community for its first two years.",
            "https://port-alder-microcredit-foundation.example.org/harbour-loan-fund", "en", ["finance", "networking"]));
        Add(
            new CycleSummary(5, "Peer reviews 2026", CycleStatus.Started, Monday.AddDays(-40), 3),
            new CycleSummary(6, "Peer reviews 2027", CycleStatus.Preparing, null, 0));
        Add(new CycleDetail(5, "Peer reviews 2026", CycleStatus.Started, Monday.AddDays(-40),
            new CycleDates(new DateOnly(2026, 3, 31), new DateOnly(2026, 5, 15), new DateOnly(2026, 6, 30), new DateOnly(2026, 9, 30), new DateOnly(2027, 6, 30)),
            [
                new(9, "Port Alder", "Valmeria", ReviewStage.Visit, new DateOnly(2026, 5, 15), false, new ActionTotals(0, 0, 0, 0)),
                new(10, "Valmeria", "Port Alder", ReviewStage.DeskReview, new DateOnly(2026, 3, 31), true, new ActionTotals(0, 0, 0, 0)),
            ],
            new ActionTotals(0, 0, 0, 0),
            null));
        Add(new ReviewDetail(9, 5, "Port Alder", "Valmeria", ["data", "procurement"],
            "We would like to learn how Valmeria follows the businesses it supports after their second year.",
            "Port Alder's loan fund is strong; its data on what the loans achieve is thin. We suggest a yearly survey of supported businesses.",
            "We agree, and will start the survey with the university in 2027.",
            Monday.AddDays(90),
            [new(31, "Yearly survey of supported businesses", "MUN-1.01 MUN-2.03", "data", "City of Port Alder", new DateOnly(2027, 3, 31), ActionStatus.Planned)]));
    }

    /// <summary>The example value of <paramref name="type"/> (for a list type, a list of its item type's samples); null when there is none.</summary>
    public static object? For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Samples.TryGetValue(type, out var samples))
        {
            return samples[0];
        }

        if (ItemType(type) is { } item && Samples.TryGetValue(item, out var items))
        {
            var list = Array.CreateInstance(item, items.Length);
            Array.Copy(items, list, items.Length);
            return list;
        }

        return null;
    }

    /// <summary>The type whose sample <see cref="For"/> needs for <paramref name="type"/>: the item type of a list, else the type itself.</summary>
    public static Type SampleType(Type type) => ItemType(type) ?? type;

    /// <summary>The example of a path or query parameter of an operation; null when there is none.</summary>
    public static object? Parameter(string operation, string name) => name switch
    {
        "format" => Formats.GetValueOrDefault(operation),
        "id" when FrameworkIds.TryGetValue(operation, out var id) => id,
        _ => Parameters.GetValueOrDefault(name),
    };

    /// <summary>The first lines of a text file an operation serves as <paramref name="contentType"/>; null when there is none.</summary>
    public static string? File(string operation, string contentType) => (operation, contentType) switch
    {
        ("ExportRound", var type) when type == RoundExports.ContentType(RoundExportFormat.Csv) => RoundCsv(),
        _ => null,
    };

    /// <summary>The first lines of a round's CSV file: its header (the real one) and one row.</summary>
    private static string RoundCsv() =>
        string.Join(",", MegaBench.Reports.RoundCsv.Header) + "\r\n" +
        "MEGA demo network (fictional),Port Alder,Arventia,2026,MUN,Municipalities & region,City of Port Alder,MUN-1.01,1," +
        "The municipality has at its disposal basic data concerning immigrant entrepreneurs.,data," + ReportText.Value(AnswerValue.Yes) + ",Figures by nationality since 2024.,,\r\n";

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;

    private static void Add<T>(params T[] samples)
        where T : notnull =>
        Samples.Add(typeof(T), [.. samples.Cast<object>()]);

    /// <summary>A city's score on a small part of MEGA 2018: one municipality, scored on its stages and two themes.</summary>
    private static CityScore Score()
    {
        StageResult Stage(int stage, Tally tally, bool met, bool reached) => new(stage, tally, met, reached, false);
        var organisation = new OrganisationScore(42, "City of Port Alder", "MUN",
            [Stage(1, new(5, 1, 0, 0), true, true), Stage(2, new(9, 3, 1, 1), true, true), Stage(3, new(2, 5, 1, 1), false, false)], 2);
        var group = new GroupScore("MUN", [organisation],
            [new("MUN-1.01", "MUN", 1, new(1, 0, 0, 0), false), new("MUN-1.02", "MUN", 1, new(0, 1, 0, 0), false)],
            2,
            [new(1, 6, 5, true, true), new(2, 14, 9, false, false), new(3, 9, 2, false, false)],
            1,
            new(16, 9, 2, 2),
            false);
        return new CityScore([group],
        [
            new("finance", new Fraction(5, 6) * 100, 3, 3, new(5, 1, 0, 0), false),
            new("data", new Fraction(1, 2) * 100, 4, 4, new(2, 2, 0, 0), false),
        ]);
    }

    /// <summary>Two cities of the demo network paired, each learning from the other.</summary>
    private static NetworkMatching Matching()
    {
        var portAlder = new MatchedCity(3, "Port Alder", "Arventia", 3, 2018);
        var valmeria = new MatchedCity(4, "Valmeria", "Lusitara", 5, 2018);
        var fund = new CitedPractice(12, "Harbour Loan Fund", "Port Alder", "Port Alder Microcredit Foundation", ["finance", "networking"],
            "https://port-alder-microcredit-foundation.example.org/harbour-loan-fund", "en");
        LearningLink Link(MatchedCity learner, MatchedCity teacher, LearningTerm term, IReadOnlyList<CitedPractice> practices) =>
            new(learner.Id, learner.Name, teacher.Id, teacher.Name, term.Gain, [term], practices);
        var fromPortAlder = Link(valmeria, portAlder, new LearningTerm("theme", "finance", "Access to finance", 30, 80, 0.5, false, false, true), [fund]);
        var fromValmeria = Link(portAlder, valmeria, new LearningTerm("theme", "data", "Data gathering, impact assessment and evaluation", 25, 90, 0.65, false, false, true), []);
        return new NetworkMatching(1, "MEGA demo network (fictional)", true, [], [], [portAlder, valmeria], 1.15,
            [new MatchedGroup([portAlder, valmeria], 1.15, false, null, [fromValmeria, fromPortAlder])],
            [],
            [[0, 0.65], [0.5, 0]]);
    }
}
