using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Rounds;

/// <summary>
/// Builds and saves one round for tests. By default it is the hardest case for a lossless format: every
/// answer value, unanswered rows, comments, evidence, coordinator notes, organisation notes, empty and
/// missing texts, times to the microsecond, and hostile or non-Latin text (quotes, markup, formulas, emoji,
/// right-to-left script, control characters).
/// </summary>
internal sealed class RoundBuilder
{
    /// <summary>Every short hostile string at once, plus a backslash and a control character JSON must escape.</summary>
    public static readonly string Hostile = string.Join(
        " | ",
        HostileStrings.Script,
        HostileStrings.EventHandler,
        HostileStrings.AttributeBreakout,
        HostileStrings.Sql,
        HostileStrings.Formula,
        HostileStrings.RightToLeft,
        HostileStrings.ZeroWidth,
        HostileStrings.Emoji,
        HostileStrings.Controls,
        "back\\slash",
        "bell\u0007");

    /// <summary>Hostile text short enough for a name (200 characters at most).</summary>
    public static readonly string HostileName = HostileStrings.AttributeBreakout + " " + HostileStrings.RightToLeft + " " + HostileStrings.Emoji;

    private string? _text;

    private Framework _framework = new FrameworkBuilder().Build();
    private string _networkName = "Réseau « test » ✓";
    private string _cityName = "Zürich-sur-Mer";
    private string _country = "Ατλαντίδα";
    private int _year = 2018;
    private bool _minimal;

    public Framework Framework => _framework;

    public RoundBuilder WithFramework(Framework framework)
    {
        _framework = framework;
        return this;
    }

    public RoundBuilder InCity(string network, string city, string country, int year)
    {
        _networkName = network;
        _cityName = city;
        _country = country;
        _year = year;
        return this;
    }

    /// <summary>Puts <paramref name="text"/> in every free-text field of a minimal round (names get a prefix, to stay unique).</summary>
    public RoundBuilder WithText(string text)
    {
        _text = text;
        _minimal = true;
        return this;
    }

    /// <summary>One organisation with one plain answer, for tests about something else.</summary>
    public RoundBuilder Minimal()
    {
        _minimal = true;
        return this;
    }

    public async Task<Round> SaveAsync(MegaBenchDbContext db)
    {
        var stored = await FrameworkStore.RegisterAsync(db, _framework, cancellationToken: TestContext.Current.CancellationToken);
        var network = new Network { Name = _networkName, Description = "Line one.\nLine two: " + Hostile, IsDemo = false };
        var city = new City { Name = _cityName, Country = _country };
        network.Cities.Add(city);
        var round = new Round
        {
            Year = _year,
            Framework = stored,
            Status = RoundStatus.Closed,
            CreatedAt = new DateTimeOffset(_year, 3, 1, 10, 15, 30, 123, 456, TimeSpan.Zero),
        };
        city.Rounds.Add(round);

        var groups = _framework.Groups;
        if (_minimal)
        {
            var name = _text is null ? "Only organisation" : "Organisation " + _text;
            var only = new Organisation
            {
                Name = name.Length > 200 ? name[..200] : name,
                GroupCode = groups[0].Code,
                Kind = OrganisationKind.City,
                Notes = _text,
                Position = 1,
            };
            only.Answers.Add(new Answer
            {
                IndicatorCode = groups[0].Indicators.First().Code,
                Value = AnswerValue.Yes,
                Comment = _text,
                Evidence = _text,
                CoordinatorNote = _text,
                Version = 1,
            });
            round.Organisations.Add(only);
            if (_text is not null)
            {
                round.Narrative.Add(new NarrativeSection { Kind = NarrativeKind.PromisingPractices, Markdown = _text });
            }
        }
        else
        {
            AddRichOrganisations(round, groups);
        }

        db.Networks.Add(network);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return round;
    }

    private static void AddRichOrganisations(Round round, IReadOnlyList<StakeholderGroup> groups)
    {
        var values = Enum.GetValues<AnswerValue>();
        var kinds = Enum.GetValues<OrganisationKind>();
        var n = 0;
        foreach (var group in groups)
        {
            // Positions deliberately out of insertion order, with a tie broken by name.
            int[] positions = [2, 1, 1];
            for (var i = 0; i < positions.Length; i++)
            {
                var organisation = new Organisation
                {
                    Name = i == 2 ? $"{group.Code} Ärzte-Verein «{i}» " + HostileName : $"{group.Code} organisation {i}",
                    GroupCode = group.Code,
                    Kind = kinds[n % kinds.Length],
                    Website = i == 0 ? $"https://org{i}.example.org/path?q=a&b=\"c\"" : null,
                    Notes = i switch { 0 => "Note: " + Hostile, 1 => "", _ => null },
                    Position = positions[i],
                };
                var indicators = group.Indicators.ToList();

                // The last indicator is left without a row, to show that a missing row stays missing.
                for (var k = 0; k < indicators.Count - 1; k++)
                {
                    n++;
                    organisation.Answers.Add(new Answer
                    {
                        IndicatorCode = indicators[k].Code,
                        Value = values[(k + i) % values.Length],
                        Comment = n % 3 == 0 ? $"Comment {n}: " + Hostile : n % 7 == 0 ? "" : null,
                        Evidence = n % 4 == 0 ? "https://evidence.example.org/" + n : null,
                        CoordinatorNote = n % 5 == 0 ? "The positive answer is not supported by further detailed information." : null,
                        UpdatedBy = n % 6 == 0 ? null : "coordinator ✓ " + n,
                        UpdatedAt = n % 6 == 0 ? null : new DateTimeOffset(2018, 5, 14, 10, 30, 0, TimeSpan.Zero).AddTicks(n * 10),
                        Version = 1 + (n % 3),
                    });
                }

                round.Organisations.Add(organisation);
            }
        }

        foreach (var kind in Enum.GetValues<NarrativeKind>())
        {
            round.Narrative.Add(new NarrativeSection
            {
                Kind = kind,
                Markdown = kind == NarrativeKind.Obstacles ? "" : $"## {kind}\n\n- point *one*\n- point `two` " + Hostile,
            });
        }
    }
}
