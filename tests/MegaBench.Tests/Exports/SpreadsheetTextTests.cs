using MegaBench.Exports;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Exports;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("Only when resources are available", "Only when resources are available")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Neutralise_prefixes_formula_starts_only(string input, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Neutralise(input));
}
