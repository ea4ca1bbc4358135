using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Scoring;

namespace MegaBench.Benchmarks;

/// <summary>
/// The synthetic network of <see cref="NetworkGenerator"/> built in memory, with the same answer mix
/// (<see cref="AnswerMix"/>): as the scorer reads it, or as entities for the sheets and exports.
/// </summary>
public static class InMemoryNetwork
{
    private static readonly Lazy<Framework> Mega = new(() => FrameworkLoader.LoadFile(FindFramework()));

    /// <summary>MEGA 2018 from <c>frameworks/mega-2018.yaml</c>, found from the working directory upwards.</summary>
    public static Framework MegaFramework => Mega.Value;

    /// <summary>Per city, its organisations' answers as <see cref="Scorer"/> reads them.</summary>
    public static List<List<OrganisationAnswers>> Answers(Framework framework, int cities, int perGroup, int seed)
    {
        var random = new Random(seed);
        var network = new List<List<OrganisationAnswers>>(cities);
        var id = 0;
        for (var c = 0; c < cities; c++)
        {
            var mix = new AnswerMix(framework, random);
            var organisations = new List<OrganisationAnswers>(perGroup * framework.Groups.Count);
            foreach (var group in framework.Groups)
            {
                for (var position = 1; position <= perGroup; position++)
                {
                    id++;
                    var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
                    foreach (var (indicator, value, _) in mix.Answers(group))
                    {
                        answers[indicator.Code] = value;
                    }

                    organisations.Add(new OrganisationAnswers(id, $"{group.Code} organisation {position}", group.Code, answers));
                }
            }

            network.Add(organisations);
        }

        return network;
    }

    /// <summary>One city round as loaded entities (city, network, organisations with answers, a narrative section).</summary>
    public static Round Round(Framework framework, int perGroup, int seed)
    {
        var random = new Random(seed);
        var mix = new AnswerMix(framework, random);
        var network = new Network { Id = 1, Name = "Synthetic network" };
        var city = new City { Id = 1, NetworkId = 1, Network = network, Name = "City 0001", Country = "Country 01" };
        var round = new Round { Id = 1, CityId = 1, City = city, Year = 2018, Status = RoundStatus.Published };
        var id = 0;
        var answerId = 0;
        foreach (var group in framework.Groups)
        {
            for (var position = 1; position <= perGroup; position++)
            {
                var organisation = new Organisation { Id = ++id, RoundId = 1, Name = $"{group.Code} organisation {position}", GroupCode = group.Code, Position = position };
                foreach (var (indicator, value, comment) in mix.Answers(group))
                {
                    organisation.Answers.Add(new Answer { Id = ++answerId, OrganisationId = id, IndicatorCode = indicator.Code, Value = value, Comment = comment, UpdatedBy = "generator" });
                }

                round.Organisations.Add(organisation);
            }
        }

        round.Narrative.Add(new NarrativeSection { RoundId = 1, Kind = NarrativeKind.Obstacles, Markdown = "Obstacles: **access to finance** and [the language](https://example.org)." });
        return round;
    }

    private static string FindFramework()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "frameworks", "mega-2018.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("frameworks/mega-2018.yaml was not found in the working directory or above it: run from the repository.");
    }
}
