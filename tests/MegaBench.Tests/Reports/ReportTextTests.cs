using MegaBench.Reports;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Reports;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class ReportTextTests
{
    /// <summary>
    /// A difference is taken between the whole numbers shown (issue 14, defect 5): 76.6 and 63.4 show as 77 and 63,
    /// so their difference reads +14, not the +13 that rounding 13.2 would give.
    /// </summary>
    [Theory]
    [InlineData(76.6, 63.4, "77", "63", "+14")]
    [InlineData(63.4, 76.6, "63", "77", "−14")]
    [InlineData(62.5, 61.5, "63", "62", "+1")] // halves round away from zero, in the figures and the difference alike
    [InlineData(50.4, 49.6, "50", "50", "0")]
    [InlineData(0, 100, "0", "100", "−100")]
    public void Difference_is_computed_from_the_figures_shown(double figure, double against, string shownFigure, string shownAgainst, string difference)
    {
        Assert.Equal(shownFigure, ReportText.Points(figure));
        Assert.Equal(shownAgainst, ReportText.Points(against));
        Assert.Equal(difference, ReportText.Difference(figure, against));
    }

    [Fact]
    public void Difference_with_a_missing_figure_is_a_dash()
    {
        Assert.Equal("–", ReportText.Difference(null, 40));
        Assert.Equal("–", ReportText.Difference(40, null));
    }
}
