using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Reports;

/// <summary>
/// What publishing a round will show, read before it is published: coverage per group, the organisations not
/// submitted or not validated, the figures that will carry the "little data" mark, and which published round of the
/// city this one replaces in the network's comparisons (overview, heatmap, matching).
/// </summary>
/// <remarks>
/// Publishing needs <see cref="Token"/>, a fingerprint of everything the summary rests on (statuses, answers and
/// their versions): a confirmation given on a summary that has since changed is refused, so a coordinator never
/// publishes what they did not see.
/// </remarks>
public sealed record PublicationSummary(
    RoundReport Report,
    IReadOnlyList<PublicationSummary.GroupCoverage> Groups,
    IReadOnlyList<PublicationSummary.Pending> NotSubmitted,
    IReadOnlyList<PublicationSummary.Pending> NotValidated,
    IReadOnlyList<PublicationSummary.LittleData> LittleDataFigures,
    PublicationSummary.Placement Effect,
    string Token)
{
    public Round Round => Report.Round;

    /// <summary>A group's coverage: (yes + no) over every statement its organisations could answer.</summary>
    public sealed record GroupCoverage(StakeholderGroup Group, int Organisations, Scoring.Tally Tally, bool LowCoverage);

    public sealed record Pending(int Id, string Name, StakeholderGroup Group, QuestionnaireState State);

    public enum FigureKind
    {
        Group,
        Theme,
        OrganisationLevel,
    }

    /// <summary>A figure that will carry the "little data" mark: a group, a theme, or an organisation's level.</summary>
    /// <param name="Name">The organisation's name; for a group or theme, empty (read <paramref name="Label"/>).</param>
    public sealed record LittleData(FigureKind Kind, LocalizedText? Label, string Name);

    /// <summary>Where the round will stand among the city's published rounds once published.</summary>
    /// <param name="Replaces">The round it replaces in comparisons (id and year); null when it is the city's first published round.</param>
    /// <param name="StaysBehind">A later published round that keeps standing for the city, so this one is not compared; null otherwise.</param>
    public sealed record Placement((int Id, int Year)? Replaces, (int Id, int Year)? StaysBehind);

    /// <exception cref="RoundNotFoundException">No round has that id.</exception>
    public static async Task<PublicationSummary> LoadAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var report = await RoundReport.LoadAsync(db, roundId, cancellationToken);
        var statuses = await Questionnaire.StatusesAsync(db, roundId, cancellationToken);
        var published = await db.Rounds.AsNoTracking()
            .Where(r => r.CityId == report.Round.CityId && r.Status == RoundStatus.Published && r.Id != roundId)
            .Select(r => new { r.Id, r.Year })
            .ToListAsync(cancellationToken);
        return Build(report, statuses, [.. published.Select(r => (r.Id, r.Year))]);
    }

    /// <summary>The summary of a loaded report, given its questionnaires' statuses and the city's other published rounds.</summary>
    public static PublicationSummary Build(RoundReport report, IReadOnlyDictionary<int, QuestionnaireStatus> statuses, IReadOnlyList<(int Id, int Year)> otherPublished)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(otherPublished);
        var framework = report.Framework;
        var groups = new List<GroupCoverage>();
        var notSubmitted = new List<Pending>();
        var notValidated = new List<Pending>();
        var littleData = new List<LittleData>();
        var scores = report.Scores.Groups.SelectMany(g => g.Organisations).ToDictionary(o => o.Id);
        foreach (var group in framework.Groups)
        {
            var score = report.Scores.FindGroup(group.Code);
            var organisations = report.Organisations.Where(o => o.GroupCode == group.Code).ToList();
            groups.Add(new GroupCoverage(group, organisations.Count, score?.Tally ?? default, score?.LowCoverage ?? true));
            if (score is { LowCoverage: true } || organisations.Count == 0)
            {
                littleData.Add(new LittleData(FigureKind.Group, group.Name, ""));
            }

            foreach (var organisation in organisations)
            {
                var state = statuses.TryGetValue(organisation.Id, out var status) ? status.State : QuestionnaireState.NotInvited;
                if (state is not (QuestionnaireState.Submitted or QuestionnaireState.Validated))
                {
                    notSubmitted.Add(new Pending(organisation.Id, organisation.Name, group, state));
                }
                else if (state == QuestionnaireState.Submitted)
                {
                    notValidated.Add(new Pending(organisation.Id, organisation.Name, group, state));
                }

                if (scores[organisation.Id].LowCoverage)
                {
                    littleData.Add(new LittleData(FigureKind.OrganisationLevel, group.Name, organisation.Name));
                }
            }
        }

        foreach (var theme in report.Scores.Themes.Where(t => t.LowCoverage))
        {
            littleData.Add(new LittleData(FigureKind.Theme, framework.FindTheme(theme.Theme)?.Name, ""));
        }

        var round = report.Round;
        var shown = otherPublished.Count == 0 ? ((int Id, int Year)?)null : otherPublished.First(r => r.Id == NetworkScores.Latest(otherPublished));
        var wins = NetworkScores.Latest([.. otherPublished, (round.Id, round.Year)]) == round.Id;
        var effect = new Placement(wins ? shown : null, wins ? null : shown);
        return new PublicationSummary(report, groups, notSubmitted, notValidated, littleData, effect, Fingerprint(report, statuses));
    }

    /// <summary>Whether a confirmation token was given on this very summary.</summary>
    public bool Confirms(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(Token));

    /// <summary>A hash of what the summary rests on: the round, each organisation's status and every answer's version.</summary>
    private static string Fingerprint(RoundReport report, IReadOnlyDictionary<int, QuestionnaireStatus> statuses)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{report.Round.Id}|{report.Round.Status}|{report.Round.Year}|{report.Round.StoredFrameworkId}");
        foreach (var organisation in report.Organisations.OrderBy(o => o.Id))
        {
            var state = statuses.TryGetValue(organisation.Id, out var status) ? status.State : QuestionnaireState.NotInvited;
            text.Append(CultureInfo.InvariantCulture, $"\n{organisation.Id}|{organisation.GroupCode}|{state}");
            foreach (var answer in organisation.Answers.OrderBy(a => a.IndicatorCode, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"|{answer.IndicatorCode}={answer.Version}:{answer.Value}");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
