using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Demo;

/// <summary>
/// The demo network: six invented cities in four invented countries, each benchmarked against the
/// framework passed in, so that a newcomer sees every feature with real-looking data.
/// </summary>
/// <remarks>
/// <para>Everything is fictional: cities, countries, organisations (their websites are under
/// <c>example.org</c>), answers and narrative. No real organisation ever receives an invented answer.</para>
/// <para>Deterministic: answers are drawn from a <see cref="Random"/> with a fixed seed per city and year,
/// in framework order, and every date is fixed, so two loads give the same rounds. Each city has a profile
/// (strong and weak themes, a stronger group, an overall level) so that scores and matching differ
/// between cities; profiles name themes by code and simply have no effect on a framework without them.</para>
/// </remarks>
public static class DemoNetwork
{
    public const string NetworkName = "MEGA demo network (fictional)";

    public const string NetworkDescription =
        "A demonstration network for trying MegaBench. Every city, country, organisation, answer and text in it is " +
        "invented; any resemblance to real places or organisations is coincidental.";

    public const string UpdatedBy = "demo";

    /// <summary>
    /// Registers <paramref name="framework"/> and, unless the demo network exists, creates it with all its
    /// cities and rounds in one save, then its learning cycles (<see cref="DemoCycles"/>). Returns the demo network.
    /// </summary>
    public static async Task<Network> EnsureLoadedAsync(MegaBenchDbContext db, Framework framework, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(framework);
        var stored = await FrameworkStore.RegisterAsync(db, framework, clock, ct);

        var existing = await db.Networks.SingleOrDefaultAsync(n => n.Name == NetworkName, ct);
        if (existing is not null)
        {
            return existing;
        }

        var network = Build(framework, stored);
        db.Networks.Add(network);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process (a second app instance) created it meanwhile: the unique name refused ours.
            db.ChangeTracker.Clear();
            return await db.Networks.SingleOrDefaultAsync(n => n.Name == NetworkName, ct) ?? throw new InvalidOperationException(
                "The demo network could not be saved. Check that the database is migrated (megabench db migrate).");
        }

        // Its learning cycles rest on the saved rounds (the one in progress on the matching of their scores).
        await DemoCycles.AddAsync(db, network, framework, clock, ct);
        await db.SaveChangesAsync(ct);

        return network;
    }

    /// <summary>The demo network in memory, not saved.</summary>
    internal static Network Build(Framework framework, StoredFramework stored)
    {
        var network = new Network { Name = NetworkName, Description = NetworkDescription, IsDemo = true };
        foreach (var profile in DemoCities.All)
        {
            var city = new City { Name = profile.Name, Country = profile.Country };
            var organisations = PlanOrganisations(framework, profile);
            foreach (var year in profile.Years)
            {
                city.Rounds.Add(BuildRound(framework, stored, profile, organisations, year, isLatest: year == profile.Years[^1]));
            }

            network.Cities.Add(city);
        }

        return network;
    }

    /// <summary>One city's organisations, the same in every year; an earlier round has one fewer per group.</summary>
    private sealed record PlannedOrganisation(string Name, string Group, string Kind, string? Website, string? Notes, int Position, double Capacity);

    private static List<PlannedOrganisation> PlanOrganisations(Framework framework, DemoCity profile)
    {
        var random = new Random(profile.Seed);
        var planned = new List<PlannedOrganisation>();
        foreach (var group in framework.Groups)
        {
            var templates = DemoCities.Templates(group, profile).ToList();
            var count = Math.Min(templates.Count, random.Next(3, 7));
            var chosen = templates.OrderBy(_ => random.Next()).Take(count).ToList();
            for (var i = 0; i < chosen.Count; i++)
            {
                var (name, kind) = chosen[i];
                var website = random.NextDouble() < 0.6 ? $"https://{Slug(name)}.example.org" : null;
                var notes = random.NextDouble() < 0.25 ? DemoCities.OrganisationNotes[random.Next(DemoCities.OrganisationNotes.Length)] : null;
                var capacity = (random.NextDouble() * 0.24) - 0.12;
                planned.Add(new PlannedOrganisation(name, group.Code, kind, website, notes, i + 1, capacity));
            }
        }

        return planned;
    }

    private static Round BuildRound(
        Framework framework,
        StoredFramework stored,
        DemoCity profile,
        List<PlannedOrganisation> organisations,
        int year,
        bool isLatest)
    {
        var random = new Random((profile.Seed * 7919) + year);
        var round = new Round
        {
            Year = year,
            Framework = stored,
            Status = RoundStatus.Published,
            CreatedAt = new DateTimeOffset(year, 3, 1, 9, 0, 0, TimeSpan.Zero),
        };

        // An earlier round: a little less done, and one organisation fewer per group (it joined later).
        var progress = isLatest ? 0 : -0.12;
        foreach (var group in framework.Groups)
        {
            var members = organisations.Where(o => o.Group == group.Code).ToList();
            if (!isLatest && members.Count > 2)
            {
                members.RemoveAt(members.Count - 1);
            }

            foreach (var planned in members)
            {
                var organisation = new Organisation
                {
                    Name = planned.Name,
                    GroupCode = planned.Group,
                    Kind = planned.Kind,
                    Website = planned.Website,
                    Notes = planned.Notes,
                    Position = planned.Position,
                    // A published round's questionnaires were submitted and checked before publication.
                    SubmittedAt = new DateTimeOffset(year, 5, 15, 10, 0, 0, TimeSpan.Zero),
                    SubmittedBy = "demo respondent",
                    ValidatedAt = new DateTimeOffset(year, 6, 1, 10, 0, 0, TimeSpan.Zero),
                    ValidatedBy = "demo coordinator",
                };
                foreach (var indicator in group.Indicators)
                {
                    var chance = profile.ChanceOfYes(indicator) + planned.Capacity + progress;
                    organisation.Answers.Add(Answer(random, indicator, chance, year, planned.Name));
                }

                round.Organisations.Add(organisation);
            }
        }

        foreach (var (kind, markdown) in DemoCities.Narrative(framework, profile, year))
        {
            round.Narrative.Add(new NarrativeSection { Kind = kind, Markdown = markdown });
        }

        return round;
    }

    private static Answer Answer(Random random, Indicator indicator, double chanceOfYes, int year, string organisation)
    {
        var chance = Math.Clamp(chanceOfYes, 0.03, 0.95);
        var notDetermined = random.NextDouble() < 0.05;
        var value = notDetermined ? AnswerValue.NotDetermined : random.NextDouble() < chance ? AnswerValue.Yes : AnswerValue.No;

        string? comment = null;
        if (random.NextDouble() < 0.1)
        {
            var comments = DemoCities.Comments(value);
            comment = comments[random.Next(comments.Length)];
        }

        string? evidence = null;
        if (value == AnswerValue.Yes && random.NextDouble() < 0.05)
        {
            evidence = $"https://{Slug(organisation)}.example.org/activities/{indicator.Code.ToLowerInvariant()}";
        }

        string? note = null;
        if (value == AnswerValue.Yes && random.NextDouble() < 0.03)
        {
            note = "The positive answer is not supported by further detailed information.";
        }
        else if (value == AnswerValue.NotDetermined && random.NextDouble() < 0.3)
        {
            note = "Asked twice during the interview; the organisation could not say.";
        }

        return new Answer
        {
            IndicatorCode = indicator.Code,
            Value = value,
            Comment = comment,
            Evidence = evidence,
            CoordinatorNote = note,
            UpdatedBy = UpdatedBy,
            UpdatedAt = new DateTimeOffset(year, 4, 2, 9, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 60 * 24 * 40)),
            Version = 1,
        };
    }

    private static string Slug(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
