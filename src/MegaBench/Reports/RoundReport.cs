using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Localization;
using MegaBench.Matching;
using MegaBench.Practices;
using MegaBench.Rounds;
using MegaBench.Scoring;

namespace MegaBench.Reports;

/// <summary>
/// Everything the exports of one city round show: the round with its city and network, its framework,
/// one assessment sheet per stakeholder group, the scores and the narrative. Built once, read by every writer,
/// so that the CSV, XLSX, DOCX and PDF always agree with each other and with the pages.
/// </summary>
/// <remarks>
/// Every text comes in the language of <see cref="Text"/> (English unless set): the interface's words from its resource
/// files, the framework's (group, stage and theme names, statements) from its translations. Columns follow the sheet order
/// (position, then name).
/// </remarks>
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

    /// <summary>
    /// The language the exports write this report in, with its interface texts. Set it before <see cref="CompareAsync"/>,
    /// which drafts the conclusions in it.
    /// </summary>
    public InterfaceText Text { get; init; } = InterfaceText.English;

    /// <summary>The drafted conclusions for matching and mutual learning, in the report's language; null without a network to compare.</summary>
    public DraftConclusions? Draft { get; init; }

    /// <summary>Practices of the other compared cities on the themes of this city's gaps, newest first.</summary>
    public IReadOnlyList<CitedPractice> Practices { get; init; } = [];

    /// <summary>The theme chart's rows: the city's scores and, with a network, its medians.</summary>
    public IReadOnlyList<ThemeChartRow> ChartRows => ThemeChart.Rows(Framework, Scores, Analysis, Text.Language);

    /// <summary>The chart's text equivalent (the alt text of its image in the DOCX and PDF).</summary>
    public string ChartAltText => ThemeChart.AltText(CityName, ChartRows, Text);

    /// <summary>The theme chart as a PNG, in the report's language.</summary>
    public byte[] ChartPng() => ThemeChart.Png(CityName, ChartRows, Text);

    /// <summary>The coordinator's text of a narrative section; null when it is empty (then the draft stands in).</summary>
    public string? EditedText(NarrativeKind kind) =>
        Narrative.FirstOrDefault(n => n.Kind == kind && !string.IsNullOrWhiteSpace(n.Markdown))?.Markdown;

    public string CityName => Round.City?.Name ?? "";

    public string Country => Round.City?.Country ?? "";

    public string NetworkName => Round.City?.Network?.Name ?? "";

    /// <summary>"Paris (France), 2018".</summary>
    public string Title => $"{CityName} ({Country}), {Round.Year}";

    /// <summary>"MEGA benchmark – Paris (France), 2018": the heading of the city report and its documents' Title.</summary>
    public string DocumentTitle => Text["Benchmark of {0} – {1}", Title, Of(Framework.Title)];

    /// <summary>A text of the framework in the report's language.</summary>
    public string Of(LocalizedText text) => Text.Of(text);

    /// <summary>Loads a round with its city, network, framework, organisations, answers and narrative.</summary>
    /// <exception cref="RoundNotFoundException">No round has that id.</exception>
    public static Task<RoundReport> LoadAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken) =>
        LoadAsync(db, roundId, include: null, cancellationToken);

    /// <inheritdoc cref="LoadAsync(MegaBenchDbContext, int, CancellationToken)"/>
    /// <param name="include">The organisations to show; all when null.</param>
    public static async Task<RoundReport> LoadAsync(MegaBenchDbContext db, int roundId, Func<Organisation, bool>? include, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var round = await RoundGraph.LoadAsync(db, roundId, cancellationToken);
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
        if (await ComparedRound.CompareAsync(db, focus, cancellationToken) is not { Analysis: { } analysis, Network: var network })
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
            Draft = Conclusions.Draft(report.Framework, findings, report.Text.Language),
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

    /// <summary>A stage's totals cell, "2 of 2 (3 n/d)", in the report's language.</summary>
    public string Totals(Tally tally)
    {
        var (format, arguments) = SheetTotals.Text(tally);
        return Text[format, arguments];
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
        return LittleData(LevelText(score.Level), score.LowCoverage);
    }

    /// <summary>"basic level", …, "not yet at basic level" for 0; "no organisation" for null (<see cref="ReportText.Level"/>).</summary>
    public string LevelText(int? level) => ReportText.Level(Framework, level, Text.Language, (text, arguments) => Text[text, arguments]);

    /// <summary>"67% – little data" when the figure rests on few yes-or-no answers, else the figure alone.</summary>
    public string LittleData(string figure, bool lowCoverage) => lowCoverage ? Text["{0} – little data", figure] : figure;

    /// <summary>The name of a group, stage or theme of the framework, or the code when the framework lacks it.</summary>
    public string GroupName(string code) => Framework.FindGroup(code) is { } group ? Of(group.Name) : code;

    /// <inheritdoc cref="GroupName"/>
    public string ThemeName(string code) => Framework.FindTheme(code) is { } theme ? Of(theme.Name) : code;
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

    /// <summary>The heading of a narrative section, in <paramref name="text"/>'s language.</summary>
    public static string Narrative(NarrativeKind kind, string city, InterfaceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return kind switch
        {
            NarrativeKind.NationalContext => text["National context"],
            NarrativeKind.RegionalAndLocalLevel => text["Regional and local level"],
            NarrativeKind.Obstacles => text["Obstacles"],
            NarrativeKind.KeyChallenges => text["Key challenges"],
            NarrativeKind.PromisingPractices => text["Promising practices"],
            NarrativeKind.MayShare => text["{0} may share", city],
            NarrativeKind.MayLookAt => text["{0} may look at", city],
            _ => kind.ToString(),
        };
    }

    /// <summary>
    /// "basic level", …, or "not yet at basic level" for 0; "no organisation" for null: the stage's level from the
    /// framework in <paramref name="language"/>, the words from <paramref name="words"/> (a resource lookup). The one
    /// wording of a level, for the pages and the exports.
    /// </summary>
    public static string Level(Framework framework, int? level, string language, Func<string, object[], string> words)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(words);
        if (level is not { } l)
        {
            return words("no organisation", []);
        }

        return l == 0
            ? framework.FindStage(1) is { } first ? words("not yet at {0}", [first.Level[language]]) : words("not yet at stage {0}", [1])
            : framework.FindStage(l)?.Level[language] ?? words("Stage {0}", [l]);
    }

    /// <summary>A scoring parameter of the framework as written in its file: "15", "0.1".</summary>
    public static string Parameter(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The words of a round's status (keys of the interface texts).</summary>
    public static string Status(RoundStatus status) => status switch
    {
        RoundStatus.Open => "Open",
        RoundStatus.Closed => "Closed",
        RoundStatus.Published => "Published",
        _ => status.ToString(),
    };

    /// <summary>The line under the report's title: network, framework and version, status.</summary>
    public static string Subtitle(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        return t["{0}. Framework: {1}, version {2}. Round status: {3}.", report.NetworkName, report.Of(report.Framework.Title), report.Framework.Version, t[Status(report.Round.Status)]];
    }

    /// <summary>"Stage 2 – Expanding the work (intermediate level)".</summary>
    public static string StageHeading(RoundReport report, Stage stage)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stage);
        return report.Text["Stage {0} – {1} ({2})", stage.Number, report.Of(stage.Name), report.Of(stage.Level)];
    }

    /// <summary>The scoring rules in one paragraph, with the framework's threshold and low-coverage share.</summary>
    /// <summary>
    /// The rule of a group's two levels, as <see cref="Scoring.Scorer"/> applies it, in one sentence that the
    /// methodology page and the profile both show (a key of the interface texts).
    /// </summary>
    public const string GroupLevelsRule = "For each group, the city shows the level of its typical organisation (the median; with an even number of organisations, the lower of the two middle levels) and the level of its ecosystem: a stage is reached by the ecosystem when the share of its statements covered reaches the threshold and the previous stage is reached.";

    /// <summary>
    /// The theme score's rule, as <see cref="Scoring.Scorer"/> applies it (a key of the interface texts; the methodology
    /// page, the profile and the exports' scoring note show it).
    /// </summary>
    public const string ThemeScoreRule = "A theme’s score is the mean adoption, from 0 to 100, of the theme’s statements that have at least one yes or no answer; statements answered only n/d or not at all are left out of the mean, and a theme without a single yes or no answer has no score. Each score is shown with its coverage, counted over all the theme’s statements.";

    /// <summary>
    /// Coverage as <see cref="Scoring.Tally"/> computes it; {0} is the framework's low-coverage share (a key of the
    /// interface texts, shown where <see cref="ThemeScoreRule"/> is).
    /// </summary>
    public const string CoverageRule = "Coverage = (yes + no) / all statements a figure rests on, each counted once per organisation of its group: n/d and unanswered count in the whole but not in the part. A figure whose coverage is below {0} is marked “little data”: it is shown, but never as solid.";

    /// <summary>
    /// What a stage or a statement answered only n/d means for the figures, as <see cref="Scoring.Scorer"/> computes them
    /// (a key of the interface texts, shown where <see cref="ThemeScoreRule"/> is).
    /// </summary>
    public const string NotDeterminedRule = "A stage answered only n/d (or not at all) has no share met, so it is not met: the organisation’s level stays below it, and its coverage is 0. A statement that every organisation answered n/d has no adoption, is not covered, and is left out of the theme scores. n/d says that the organisation cannot tell: it counts neither for nor against.";

    /// <summary>The rules of the figures in one paragraph, each in the sentence the methodology page uses.</summary>
    public static string ScoringRule(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        var scoring = report.Framework.Scoring;
        return string.Join(" ",
            t["Share met = yes / (yes + no). A stage is reached when its share met is at least {0} and the stage before it is reached.", scoring.StageThreshold],
            t[CoverageRule, scoring.LowCoverage],
            t[NotDeterminedRule],
            t[GroupLevelsRule],
            t[ThemeScoreRule]);
    }

    /// <summary>
    /// The notice of a sheet with answers carried over from an earlier round, as the sheet page words it; null when
    /// none is. Their cells carry <see cref="CarriedMark"/>.
    /// </summary>
    public static string? CarriedOverNotice(RoundReport report, AssessmentSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sheet);
        var carried = sheet.Stages.SelectMany(s => s.Rows).SelectMany(r => r.Cells).Where(c => c.CarriedOverFrom is not null).ToList();
        return carried.Count == 0 ? null : report.Text.Count(carried.Count, CarriedOverOne, CarriedOverOther, carried.Max(c => c.CarriedOverFrom!.Value));
    }

    /// <summary>The notice of carried-over answers, singular and plural (keys of the interface texts; the sheet page's too).</summary>
    public const string CarriedOverOne = "{0} answer on this sheet (marked ↻) is carried over from the {1} round and not yet confirmed by its organisation; the levels and scores count it as given.";

    /// <inheritdoc cref="CarriedOverOne"/>
    public const string CarriedOverOther = "{0} answers on this sheet (marked ↻) are carried over from the {1} round and not yet confirmed by their organisations; the levels and scores count them as given.";

    /// <summary>
    /// "Paris’s checklist at the basic level of performance": the caption of a stage's table, as the seed's sheets word
    /// it, with the stage's level from the framework (a key of the interface texts; the sheet page's caption too).
    /// </summary>
    public const string StageCaption = "{0}’s checklist at the {1} of performance";

    /// <summary>
    /// A comment an organisation wrote in its questionnaire, in the seed report's words (a key of the interface texts;
    /// the sheet page and every export's footnotes).
    /// </summary>
    public const string QuestionnaireComment = "Comment from the questionnaire: “{0}”";

    /// <summary>The key of the sheet's marks, as on the sheet page (a key of the interface texts).</summary>
    public const string SheetKey = "Key: ✓ yes · – no · n/d not determined · blank: not answered · numbers: notes below the sheet.";

    /// <summary>The mark of an answer carried over from an earlier round and not yet confirmed, as on the sheet page.</summary>
    public const string CarriedMark = "↻";

    public static IReadOnlyList<string> GroupHeadings(InterfaceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [text["Group"], text["Organisations"], text["Median level"], text["Ecosystem level"], text["Coverage"]];
    }

    /// <summary>The city's groups: name, organisations, median and ecosystem levels, coverage.</summary>
    public static IEnumerable<string[]> GroupRows(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Scores.Groups.Select(g => new[]
        {
            report.GroupName(g.Group),
            g.Organisations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            report.LevelText(g.MedianLevel),
            report.LevelText(g.EcosystemLevel),
            report.LittleData(report.Text.Percent(g.Tally.Coverage), g.LowCoverage),
        });
    }

    public static IReadOnlyList<string> ThemeHeadings(InterfaceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [text["Theme"], text["Score (0–100)"], text["Indicators with data"], text["Coverage"]];
    }

    /// <summary>The city's themes: name, score, statements with data, coverage.</summary>
    public static IEnumerable<string[]> ThemeRows(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Scores.Themes.Select(t => new[]
        {
            report.ThemeName(t.Theme),
            t.Score is { } score ? Points(score) : report.Text["no data"],
            report.Text["{0} of {1}", t.IndicatorsWithData, t.Indicators],
            report.LittleData(report.Text.Percent(t.Tally.Coverage), t.LowCoverage),
        });
    }

    public static IReadOnlyList<string> OrganisationHeadings(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        return [t["Group"], t["Organisation"], .. report.Framework.Stages.Select(s => t["Stage {0}: share met (coverage)", s.Number]), t["Level"]];
    }

    /// <summary>Every organisation: group, name, share met and coverage per stage, level.</summary>
    public static IEnumerable<string[]> OrganisationRows(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        return report.Scores.Groups.SelectMany(g => g.Organisations).Select(o => (string[])
        [
            o.Group, o.Name,
            .. report.Framework.Stages.Select(s => o.Stages.FirstOrDefault(r => r.Stage == s.Number) is { } r
                ? $"{t.Percent(r.Tally.ShareMet)} ({t.Percent(r.Tally.Coverage)})" : ""),
            report.LevelText(o),
        ]);
    }

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
    public static string Footnote(SheetFootnote note, InterfaceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return note.Kind == FootnoteKind.Comment
            ? $"{text[QuestionnaireComment, note.Text]} ({FootnoteSource(note, text)})"
            : text["{0}: {1}", FootnoteSource(note, text), note.Text];
    }

    /// <summary>What a footnote is about: "Alpha office, AAA-2.02 (coordinator's note)".</summary>
    public static string FootnoteSource(SheetFootnote note, InterfaceText text)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(text);
        return note.Kind switch
        {
            FootnoteKind.OrganisationNote => text["{0} (note on the organisation)", note.OrganisationName],
            FootnoteKind.CoordinatorNote => text["{0}, {1} (coordinator's note)", note.OrganisationName, note.IndicatorCode],
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
