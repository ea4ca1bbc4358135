using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
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
        return LevelText(score.Level) + (score.Overall.IsLowCoverage(Framework.Scoring.LowCoverage) ? " – little data" : "");
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

    /// <summary>A share as a whole percentage, or "–" when nothing was answered yes or no.</summary>
    public static string Percent(double? share) =>
        share is { } s ? Math.Round(s * 100, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";
}
