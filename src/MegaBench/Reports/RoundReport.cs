using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Practices;
using MegaBench.Rounds;
using MegaBench.Scoring;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Reports;

/// <summary>
/// Everything the exports of one city round show: the round with its city and network, its framework,
/// one assessment sheet per stakeholder group, the scores and the narrative. Built once, read by every writer,
/// so that the CSV, XLSX, DOCX and PDF always agree with each other and with the pages.
/// </summary>
/// <remarks>Texts are in the framework's source language; columns follow the sheet order (position, then name).</remarks>
public sealed record RoundReport(
    Round Round,
    Framework Framework,
    IReadOnlyList<AssessmentSheet> Sheets,
    IReadOnlyList<Organisation> Organisations,
    CityScore Scores,
    IReadOnlyList<NarrativeSection> Narrative)
{
    /// <summary>
    /// The network the city is compared with (see <see cref="NetworkScores"/>); null when the report was built
    /// without it, or the round's framework is not the network's.
    /// </summary>
    public NetworkAnalysis? Analysis { get; init; }

    /// <summary>The drafted conclusions for matching and mutual learning, in the framework's source language; null without a network to compare.</summary>
    public DraftConclusions? Draft { get; init; }

    /// <summary>Practices of the other compared cities on the themes of this city's gaps, newest first.</summary>
    public IReadOnlyList<CitedPractice> Practices { get; init; } = [];

    /// <summary>The theme chart's rows: the city's scores and, with a network, its medians.</summary>
    public IReadOnlyList<ThemeChartRow> ChartRows => ThemeChart.Rows(Framework, Scores, Analysis, Framework.SourceLanguage);

    /// <summary>The chart's text equivalent (the alt text of its image in the DOCX and PDF).</summary>
    public string ChartAltText => ThemeChart.AltText(CityName, ChartRows);

    /// <summary>The coordinator's text of a narrative section; null when it is empty (then the draft stands in).</summary>
    public string? EditedText(NarrativeKind kind) =>
        Narrative.FirstOrDefault(n => n.Kind == kind && !string.IsNullOrWhiteSpace(n.Markdown))?.Markdown;

    public string CityName => Round.City?.Name ?? "";

    public string Country => Round.City?.Country ?? "";

    public string NetworkName => Round.City?.Network?.Name ?? "";

    /// <summary>"Paris (France), 2018".</summary>
    public string Title => $"{CityName} ({Country}), {Round.Year}";

    /// <summary>Loads a round with its city, network, framework, organisations, answers and narrative.</summary>
    /// <exception cref="RoundNotFoundException">No round has that id.</exception>
    public static Task<RoundReport> LoadAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken) =>
        LoadAsync(db, roundId, include: null, cancellationToken);

    /// <inheritdoc cref="LoadAsync(MegaBenchDbContext, int, CancellationToken)"/>
    /// <param name="include">The organisations to show; all when null.</param>
    public static async Task<RoundReport> LoadAsync(MegaBenchDbContext db, int roundId, Func<Organisation, bool>? include, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var round = await db.Rounds.AsNoTracking().AsSplitQuery()
            .Include(r => r.City!).ThenInclude(c => c.Network)
            .Include(r => r.Framework)
            .Include(r => r.Organisations).ThenInclude(o => o.Answers)
            .Include(r => r.Narrative)
            .SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new RoundNotFoundException(roundId);
        return Build(round, FrameworkStore.Read(round.Framework!), include);
    }

    /// <summary>
    /// Sets the report among its network, for the city report (DOCX, PDF): the analysis (medians on the chart), the drafted conclusions and the
    /// practices on the city's gaps. Compared as the city profile compares: this round (with the organisations
    /// the report shows) against the other cities' latest published rounds. Practices come from those cities only,
    /// whose published rounds make them public, so the report never cites a practice its reader may not see.
    /// </summary>
    public static async Task<RoundReport> CompareAsync(MegaBenchDbContext db, RoundReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Round.City is not { } city)
        {
            return report;
        }

        var focus = new ScoredRound(report.Round, report.Framework, report.Organisations, report.Scores);
        var network = await NetworkScores.LoadAsync(db, city.NetworkId, cancellationToken, focus);
        if (network is null || !network.Rounds.Contains(focus) || network.Analyse() is not { } analysis)
        {
            return report;
        }

        var findings = analysis.For(city.Id);
        var others = network.Rounds.Select(r => r.City.Id).Where(id => id != city.Id).ToList();
        var gapThemes = findings.ThemeGaps.Select(g => g.Theme).ToList();
        var practices = gapThemes.Count == 0
            ? []
            : await PracticeLibrary.ForThemesAsync(db, city.NetworkId, gapThemes, [city.Id], cancellationToken);
        return report with
        {
            Analysis = analysis,
            Draft = Conclusions.Draft(report.Framework, findings, report.Framework.SourceLanguage),
            Practices = [.. practices.Where(p => others.Contains(p.CityId)).Select(CitedPractice.From)],
        };
    }

    /// <summary>The report of a round whose organisations, answers and narrative are loaded.</summary>
    /// <param name="include">The organisations to show (those the reader may see); all when null.</param>
    public static RoundReport Build(Round round, Framework framework, Func<Organisation, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(framework);
        include ??= _ => true;
        var organisations = new List<Organisation>();
        var sheets = new List<AssessmentSheet>();
        foreach (var group in framework.Groups)
        {
            var columns = round.Organisations
                .Where(o => o.GroupCode == group.Code && include(o))
                .OrderBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal)
                .ToList();
            organisations.AddRange(columns);
            sheets.Add(AssessmentSheet.Build(framework, group, columns));
        }

        var scores = Scorer.Score(framework, organisations.Select(o => new OrganisationAnswers(
            o.Id, o.Name, o.GroupCode, o.Answers.ToDictionary(a => a.IndicatorCode, a => a.Value, StringComparer.Ordinal))));
        return new RoundReport(round, framework, sheets, organisations, scores, [.. round.Narrative.OrderBy(n => n.Kind)]);
    }

    /// <summary>The score of the organisation in a sheet column.</summary>
    public OrganisationScore ScoreOf(SheetColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return Scores.Groups.SelectMany(g => g.Organisations).First(o => o.Id == column.OrganisationId);
    }

    /// <summary>"intermediate level", or "not yet at basic level"; "– little data" when it rests on few yes-or-no answers.</summary>
    public string LevelText(OrganisationScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return LevelText(score.Level) + (score.LowCoverage ? " – little data" : "");
    }

    public string LevelText(int level) => level == 0
        ? $"not yet at {Framework.FindStage(1)?.Level.Source ?? "the first stage"}"
        : Framework.FindStage(level)?.Level.Source ?? $"stage {level}";
}

/// <summary>The words and marks the exports use, the same as the sheet page's.</summary>
public static class ReportText
{
    /// <summary>The sheet mark: ✓ yes, – no, n/d not determined; unanswered stays blank.</summary>
    public static string Mark(AnswerValue value) => value switch
    {
        AnswerValue.Yes => "✓",
        AnswerValue.No => "–",
        AnswerValue.NotDetermined => "n/d",
        _ => "",
    };

    /// <summary>The tidy-data value: yes, no, not-determined, unanswered.</summary>
    public static string Value(AnswerValue value) => RoundJson.Name(value);

    public static string Narrative(NarrativeKind kind, string city) => kind switch
    {
        NarrativeKind.NationalContext => "National context",
        NarrativeKind.RegionalAndLocalLevel => "Regional and local level",
        NarrativeKind.Obstacles => "Obstacles",
        NarrativeKind.KeyChallenges => "Key challenges",
        NarrativeKind.PromisingPractices => "Promising practices",
        NarrativeKind.MayShare => $"{city} may share",
        NarrativeKind.MayLookAt => $"{city} may look at",
        _ => kind.ToString(),
    };

    public const string ConclusionsHeading = "Conclusions for matching & mutual learning";

    public const string DraftNote = "Drafted from the city's strengths and gaps against the network; the coordinator has not edited it yet.";

    public const string PracticesHeading = "Practices of other cities on the themes this city may look at";

    public static bool IsConclusion(NarrativeKind kind) => kind is NarrativeKind.MayShare or NarrativeKind.MayLookAt;

    /// <summary>One section of the conclusions: the coordinator's text, or the draft when the section is empty.</summary>
    public sealed record ConclusionSection(NarrativeKind Kind, string Markdown, bool Drafted);

    /// <summary>
    /// The "may share" and "may look at" sections of the report: the coordinator's text wins; an empty section
    /// shows the draft (<see cref="RoundReport.Draft"/>) when there is one; a section with neither is left out.
    /// </summary>
    public static IReadOnlyList<ConclusionSection> Conclusions(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sections = new List<ConclusionSection>();
        foreach (var kind in new[] { NarrativeKind.MayShare, NarrativeKind.MayLookAt })
        {
            if (report.EditedText(kind) is { } edited)
            {
                sections.Add(new(kind, edited, Drafted: false));
                continue;
            }

            var (heading, items) = kind == NarrativeKind.MayShare
                ? (report.Draft?.MayShareHeading, report.Draft?.MayShareItems)
                : (report.Draft?.MayLookAtHeading, report.Draft?.MayLookAtItems);
            if (heading is not null && items is { Count: > 0 })
            {
                sections.Add(new(kind, heading + "\n\n" + string.Concat(items.Select(i => $"- {i}\n")), Drafted: true));
            }
        }

        return sections;
    }

    /// <summary>"Welcome desk (Lyon, Chamber of commerce)".</summary>
    public static string Practice(CitedPractice practice)
    {
        ArgumentNullException.ThrowIfNull(practice);
        return $"{practice.Title} ({practice.City}{(string.IsNullOrWhiteSpace(practice.Organisation) ? "" : $", {practice.Organisation}")})";
    }

    /// <summary>"Alpha office, AAA-2.01: the comment".</summary>
    public static string Footnote(SheetFootnote note) => $"{FootnoteSource(note)}: {note.Text}";

    /// <summary>What a footnote is about: "Alpha office, AAA-2.02 (coordinator's note)".</summary>
    public static string FootnoteSource(SheetFootnote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return note.Kind switch
        {
            FootnoteKind.OrganisationNote => $"{note.OrganisationName} (note on the organisation)",
            FootnoteKind.CoordinatorNote => $"{note.OrganisationName}, {note.IndicatorCode} (coordinator's note)",
            _ => $"{note.OrganisationName}, {note.IndicatorCode}",
        };
    }

    /// <summary>
    /// A 0–100 figure as every page and export shows it: a whole number, halves rounded away from zero. The one
    /// rounding of scores, so that a figure reads the same everywhere and a difference can be checked by eye.
    /// </summary>
    public static double Whole(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>"63" for 62.5.</summary>
    public static string Points(double value) => Whole(value).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The signed difference of two figures as shown ("+14", "−3", "0"; "–" when one is missing): computed from the
    /// whole numbers shown, so that "77 | 63" always reads +14, whatever decimals lie behind each figure.
    /// </summary>
    public static string Difference(double? figure, double? against)
    {
        if (figure is not { } a || against is not { } b)
        {
            return "–";
        }

        var difference = Whole(a) - Whole(b);
        return difference > 0 ? $"+{Points(difference)}"
            : difference < 0 ? $"−{Points(-difference)}"
            : "0";
    }

    /// <summary>A share as a whole percentage, or "–" when nothing was answered yes or no.</summary>
    public static string Percent(double? share) =>
        share is { } s ? Points(s * 100) + "%" : "–";
}
