using MegaBench.Answers;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Answers;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class AnswerProgressTests
{
    [Theory]
    [InlineData(AnswerValue.Yes, 1)]
    [InlineData(AnswerValue.No, 1)]
    [InlineData(AnswerValue.NotDetermined, 1)]
    [InlineData(AnswerValue.Unanswered, 0)]
    public void Yes_no_and_not_determined_count_as_answered(AnswerValue value, int answered)
    {
        var group = new FrameworkBuilder().Build().FindGroup("AAA");

        var progress = AnswerProgress.Of(group, [new Answer { IndicatorCode = "AAA-1.01", Value = value }]);

        Assert.Equal(new AnswerProgress(answered, 6), progress);
    }

    [Fact]
    public void Answers_to_statements_outside_the_group_are_not_counted()
    {
        var group = new FrameworkBuilder().Build().FindGroup("AAA");

        var progress = AnswerProgress.Of(group, [new Answer { IndicatorCode = "BBB-1.01", Value = AnswerValue.Yes }, new Answer { IndicatorCode = "AAA-3.02", Value = AnswerValue.No }]);

        Assert.Equal("1 of 6", progress.ToString());
    }

    [Fact]
    public void An_unknown_group_has_no_statements()
    {
        Assert.Equal(AnswerProgress.Zero, AnswerProgress.Of(null, [new Answer { IndicatorCode = "AAA-1.01", Value = AnswerValue.Yes }]));
    }
}
