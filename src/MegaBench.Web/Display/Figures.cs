using System.Globalization;
using MegaBench.Frameworks;

namespace MegaBench.Web.Display;

/// <summary>How the report pages write scores and levels, and colour heatmap cells.</summary>
public static class Figures
{
    /// <summary>A 0–100 score rounded to a whole number, or "no data".</summary>
    public static string Score(double? value) =>
        value is { } v ? Math.Round(v, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) : "no data";

    /// <summary>A signed difference in points: "+12", "−3", "0".</summary>
    public static string Difference(double? value)
    {
        if (value is not { } v)
        {
            return "–";
        }

        var rounded = Math.Round(v, MidpointRounding.AwayFromZero);
        return rounded > 0 ? $"+{rounded.ToString(CultureInfo.InvariantCulture)}"
            : rounded < 0 ? $"−{(-rounded).ToString(CultureInfo.InvariantCulture)}"
            : "0";
    }

    /// <summary>A share as a whole percentage: "67 %".</summary>
    public static string Percent(double? share) =>
        share is { } s ? $"{Math.Round(s * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)} %" : "no data";

    /// <summary>A learning value with two decimals.</summary>
    public static string Value(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"basic level", …, or "not yet at basic level" for 0; "no organisation" for null.</summary>
    public static string Level(Framework framework, int? level, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (level is not { } l)
        {
            return language == "fr" ? "aucune organisation" : "no organisation";
        }

        var first = framework.FindStage(1)?.Level[language] ?? "stage 1";
        return l == 0
            ? (language == "fr" ? $"pas encore {first}" : $"not yet at {first}")
            : framework.FindStage(l)?.Level[language] ?? $"stage {l}";
    }

    /// <summary>
    /// The heatmap class of a 0–100 figure: five bands of 20 points (heat-0 … heat-4), "heat-none" without data.
    /// The number is always printed in the cell; the colour only repeats it.
    /// </summary>
    public static string Heat(double? value) =>
        value is { } v ? $"heat-{Math.Clamp((int)(v / 20), 0, 4)}" : "heat-none";

    /// <summary>The heatmap class of a level (0 to 3) on the same scale as scores.</summary>
    public static string LevelHeat(int? level, int stages) =>
        level is { } l && stages > 0 ? Heat(100.0 * l / stages * 0.99) : "heat-none";
}
