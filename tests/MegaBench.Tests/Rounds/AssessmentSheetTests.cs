using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Scoring;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Rounds;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class AssessmentSheetTests
{
    private static Organisation Organisation(int id, string name, string? notes, params Answer[] answers)
    {
        var organisation = new Organisation { Id = id, Name = name, GroupCode = "AAA", Notes = notes };
        organisation.Answers.AddRange(answers);
        return organisation;
    }

    private static Answer Answer(string code, AnswerValue value, string? comment = null, string? note = null) =>
        new() { IndicatorCode = code, Value = value, Comment = comment, CoordinatorNote = note };

    [Fact]
    public void Footnotes_number_header_notes_then_cells_row_by_row_comment_before_note()
    {
        var framework = new FrameworkBuilder().Build();
        var group = framework.FindGroup("AAA")!;
        Organisation[] columns =
        [
            Organisation(1, "A", null, Answer("AAA-1.02", AnswerValue.Yes, "a-1.02"), Answer("AAA-1.01", AnswerValue.No, note: "a-1.01 note")),
            Organisation(2, "B", "B's note", Answer("AAA-1.01", AnswerValue.Yes, "b-1.01", "b-1.01 note")),
        ];

        var sheet = AssessmentSheet.Build(framework, group, columns);

        Assert.Equal(["B's note", "a-1.01 note", "b-1.01", "b-1.01 note", "a-1.02"], sheet.Footnotes.Select(f => f.Text));
        Assert.Equal([1, 2, 3, 4, 5], sheet.Footnotes.Select(f => f.Number));
        Assert.Equal([null, 1], sheet.Columns.Select(c => c.NoteNumber));
        Assert.Equal([[2], [3, 4]], sheet.Stages[0].Rows[0].Cells.Select(c => c.Footnotes));
        Assert.Equal([FootnoteKind.OrganisationNote, FootnoteKind.CoordinatorNote, FootnoteKind.Comment, FootnoteKind.CoordinatorNote, FootnoteKind.Comment], sheet.Footnotes.Select(f => f.Kind));
    }

    [Fact]
    public void Missing_answers_read_as_unanswered_and_totals_count_yes_no_and_the_others_per_stage()
    {
        var framework = new FrameworkBuilder().Build();
        var group = framework.FindGroup("AAA")!;
        Organisation[] columns = [Organisation(1, "A", null, Answer("AAA-1.01", AnswerValue.Yes), Answer("AAA-1.02", AnswerValue.Yes), Answer("AAA-2.01", AnswerValue.NotDetermined))];

        var sheet = AssessmentSheet.Build(framework, group, columns);

        Assert.Equal([new Tally(2, 0, 0, 0), new Tally(0, 0, 1, 1), new Tally(0, 0, 0, 2)], sheet.Stages.Select(s => s.Totals[0]));
        Assert.Equal(["2 of 2", "0 of 0 (1 n/d, 1 not answered)", "0 of 0 (2 not answered)"], sheet.Stages.Select(s => SheetTotals.English(s.Totals[0])));
        Assert.Equal([AnswerValue.NotDetermined, AnswerValue.Unanswered], sheet.Stages[1].Rows.Select(r => r.Cells[0].Value));
        Assert.Equal(["AAA-3.01", "AAA-3.02"], sheet.Stages[2].Rows.Select(r => r.Indicator.Code));
        Assert.Empty(sheet.Footnotes);
    }

    [Fact]
    public void Blank_comments_and_notes_get_no_footnote()
    {
        var framework = new FrameworkBuilder().Build();
        Organisation[] columns = [Organisation(1, "A", "  ", Answer("AAA-1.01", AnswerValue.Yes, " ", ""))];

        var sheet = AssessmentSheet.Build(framework, framework.FindGroup("AAA")!, columns);

        Assert.Empty(sheet.Footnotes);
        Assert.Null(sheet.Columns[0].NoteNumber);
    }
}
