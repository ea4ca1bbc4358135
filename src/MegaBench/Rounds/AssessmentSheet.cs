using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Scoring;

namespace MegaBench.Rounds;

/// <summary>
/// One stakeholder group's assessment sheet for a round, laid out like the MEGA sheets: the statements
/// stage by stage, one column per organisation, and numbered footnotes.
/// </summary>
/// <remarks>
/// Footnotes are numbered in reading order: first the organisation notes at the column headers (left to
/// right), then stage by stage, row by row, column by column, the answer's comment before its coordinator
/// note. The same answers therefore always give the same numbers, on screen, on paper and in exports.
/// A missing answer row reads as <see cref="AnswerValue.Unanswered"/>.
/// </remarks>
public sealed record AssessmentSheet(
    StakeholderGroup Group,
    IReadOnlyList<SheetColumn> Columns,
    IReadOnlyList<SheetStage> Stages,
    IReadOnlyList<SheetFootnote> Footnotes)
{
    /// <param name="organisations">The group's organisations with their answers loaded, in column order.</param>
    public static AssessmentSheet Build(Framework framework, StakeholderGroup group, IReadOnlyList<Organisation> organisations)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(organisations);

        var footnotes = new List<SheetFootnote>();
        int Note(FootnoteKind kind, string text, Organisation organisation, string? indicatorCode)
        {
            var number = footnotes.Count + 1;
            footnotes.Add(new SheetFootnote(number, kind, text, organisation.Id, organisation.Name, indicatorCode));
            return number;
        }

        var columns = organisations
            .Select(o => new SheetColumn(o.Id, o.Name, HasText(o.Notes) ? Note(FootnoteKind.OrganisationNote, o.Notes!, o, null) : null))
            .ToList();

        var answers = organisations
            .Select(o => o.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal))
            .ToList();

        var stages = new List<SheetStage>();
        foreach (var groupStage in group.Stages)
        {
            var stage = framework.FindStage(groupStage.Stage)
                ?? throw new InvalidOperationException($"Group {group.Code} has a stage {groupStage.Stage} that the framework does not define.");
            var totals = new Tally[organisations.Count];
            var rows = new List<SheetRow>();
            foreach (var indicator in groupStage.Indicators)
            {
                var cells = new List<SheetCell>();
                for (var column = 0; column < organisations.Count; column++)
                {
                    var answer = answers[column].GetValueOrDefault(indicator.Code);
                    var value = answer?.Value ?? AnswerValue.Unanswered;
                    // Most cells have no note: they share one empty list rather than each allocating its own.
                    List<int>? numbers = null;
                    if (answer is not null && HasText(answer.Comment))
                    {
                        (numbers ??= []).Add(Note(FootnoteKind.Comment, answer.Comment!, organisations[column], indicator.Code));
                    }

                    if (answer is not null && HasText(answer.CoordinatorNote))
                    {
                        (numbers ??= []).Add(Note(FootnoteKind.CoordinatorNote, answer.CoordinatorNote!, organisations[column], indicator.Code));
                    }

                    totals[column] = totals[column].Add(value);

                    cells.Add(new SheetCell(value, numbers ?? NoFootnotes, answer?.CarriedOverFrom));
                }

                rows.Add(new SheetRow(indicator, cells));
            }

            stages.Add(new SheetStage(stage, groupStage, rows, totals));
        }

        return new AssessmentSheet(group, columns, stages, footnotes);
    }

    /// <summary>
    /// The footnotes printed at the foot of <paramref name="stage"/>, as the seed's sheets print them: the comments and
    /// notes on its statements, and, under the first stage, the notes on the organisations (their column headers).
    /// Numbers stay those of the whole sheet, so each stage's list continues the previous one.
    /// </summary>
    public IReadOnlyList<SheetFootnote> FootnotesOf(SheetStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var codes = stage.Rows.Select(r => r.Indicator.Code).ToHashSet(StringComparer.Ordinal);
        var first = Stages.Count > 0 && ReferenceEquals(Stages[0], stage);
        return [.. Footnotes.Where(n => n.IndicatorCode is { } code ? codes.Contains(code) : first)];
    }

    private static readonly IReadOnlyList<int> NoFootnotes = [];

    private static bool HasText(string? text) => !string.IsNullOrWhiteSpace(text);
}

/// <summary>An organisation's column; <paramref name="NoteNumber"/> is the footnote of its organisation note.</summary>
public sealed record SheetColumn(int OrganisationId, string Name, int? NoteNumber);

/// <summary>One stage of the sheet; <paramref name="Totals"/> counts each column's answers, as the level's rule does.</summary>
public sealed record SheetStage(Stage Stage, GroupStage GroupStage, IReadOnlyList<SheetRow> Rows, IReadOnlyList<Tally> Totals);

/// <summary>
/// The totals row of a sheet stage, the same on the page and in every export: the counts the level's rule uses, so
/// that a reader can check each level by eye.
/// </summary>
/// <remarks>
/// A stage's share met is yes / (yes + no), so the row shows "2 of 2", not "2 of 5" when three statements are not
/// determined: those are counted apart, "(3 n/d)", as are statements not answered. <see cref="Text"/> gives an English
/// format with its arguments, which the web page translates (the format is the resource key) and the exports write as
/// it is.
/// </remarks>
public static class SheetTotals
{
    /// <summary>The heading of the row (followed by the stage in the exports).</summary>
    public const string Heading = "Statements met (yes of yes + no)";

    public static (string Format, object[] Arguments) Text(Tally tally) => (tally.NotDetermined, tally.Unanswered) switch
    {
        (0, 0) => ("{0} of {1}", [tally.Yes, tally.Answered]),
        (_, 0) => ("{0} of {1} ({2} n/d)", [tally.Yes, tally.Answered, tally.NotDetermined]),
        (0, _) => ("{0} of {1} ({2} not answered)", [tally.Yes, tally.Answered, tally.Unanswered]),
        _ => ("{0} of {1} ({2} n/d, {3} not answered)", [tally.Yes, tally.Answered, tally.NotDetermined, tally.Unanswered]),
    };

    /// <summary>The cell in English: "2 of 2 (3 n/d)".</summary>
    public static string English(Tally tally)
    {
        var (format, arguments) = Text(tally);
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, arguments);
    }
}

public sealed record SheetRow(Indicator Indicator, IReadOnlyList<SheetCell> Cells);

/// <summary>One organisation's answer to one statement, with the numbers of its footnotes.</summary>
/// <param name="CarriedOverFrom">The year of the earlier round the answer was carried from, until the organisation confirms or changes it.</param>
public sealed record SheetCell(AnswerValue Value, IReadOnlyList<int> Footnotes, int? CarriedOverFrom = null);

public sealed record SheetFootnote(int Number, FootnoteKind Kind, string Text, int OrganisationId, string OrganisationName, string? IndicatorCode);

public enum FootnoteKind
{
    OrganisationNote,
    Comment,
    CoordinatorNote,
}
