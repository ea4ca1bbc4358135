using MegaBench.Frameworks;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Reports;

/// <summary>XLSX worksheet names fit Excel's 31 characters without cutting a word (issue 13, fix list).</summary>
[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class XlsxSheetNameTests
{
    private static readonly Framework Mega = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));

    [Theory]
    [InlineData("MUN", "MUN Municipalities & region")]
    [InlineData("CCI", "CCI Chambers of Commerce")]
    [InlineData("BUS", "BUS Business organisations")]
    [InlineData("IBO", "IBO Immigrant business")] // "IBO Immigrant business organisations" is 36 characters
    public void A_long_group_name_is_cut_at_a_word(string group, string expected)
    {
        var sheet = AssessmentSheet.Build(Mega, Mega.FindGroup(group)!, []);

        var name = RoundXlsx.SheetName(sheet);

        Assert.Equal(expected, name);
        Assert.InRange(name.Length, 1, 31);
    }
}
