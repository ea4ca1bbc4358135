using System.Globalization;
using MegaBench.Frameworks;
using MegaBench.Reports;
using MegaBench.Web.Localization;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Display;

/// <summary>How the report pages write scores and levels, and colour heatmap cells.</summary>
/// <remarks>
/// The overloads without a localizer write English (exports and tests use them); the pages pass their
/// localizer, so that the words ("no data", "not yet at …") come in the request's language. Numbers are
/// written the same way in every language.
/// </remarks>
public static class Figures
{
    /// <summary>A 0–100 score rounded to a whole number, or "no data".</summary>
    public static string Score(double? value) =>
        value is { } v ? Number(v) : NoData;

    /// <inheritdoc cref="Score(double?)"/>
    public static string Score(double? value, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return value is { } v ? Number(v) : localizer[NoData];
    }

    /// <inheritdoc cref="Score(double?)"/>
    public static string Score(double? value, Translator translator)
    {
        ArgumentNullException.ThrowIfNull(translator);
        return value is { } v ? Number(v) : translator.Plain(NoData);
    }

    private const string NoData = "no data";

    private static string Number(double value) => ReportText.Points(value);

    /// <summary>A scoring parameter of the framework (the matching's margin, a weight): "15", "0.1".</summary>
    public static string Parameter(decimal value) => ReportText.Parameter(value);

    /// <summary>
    /// The signed difference in points between two figures shown: "+14", "−3", "0". It is taken between the whole
    /// numbers shown (<see cref="ReportText.Difference"/>), never rounded from the unrounded difference.
    /// </summary>
    public static string Difference(double? figure, double? against) => ReportText.Difference(figure, against);

    /// <summary>A share as a whole percentage: "67 %".</summary>
    public static string Percent(double? share) =>
        share is { } s ? $"{Number(s * 100)} %" : NoData;

    /// <inheritdoc cref="Percent(double?)"/>
    public static string Percent(double? share, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return share is { } s ? $"{Number(s * 100)} %" : localizer[NoData];
    }

    /// <inheritdoc cref="Percent(double?)"/>
    public static string Percent(double? share, Translator translator)
    {
        ArgumentNullException.ThrowIfNull(translator);
        return share is { } s ? $"{Number(s * 100)} %" : translator.Plain(NoData);
    }

    /// <summary>A learning value with two decimals.</summary>
    public static string Value(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"basic level", …, or "not yet at basic level" for 0; "no organisation" for null.</summary>
    public static string Level(Framework framework, int? level) =>
        Level(framework, level, "en", (text, args) => string.Format(CultureInfo.InvariantCulture, text, args));

    /// <summary>The level in the request's language: the stage's level from the framework, the words from the localizer.</summary>
    public static string Level(Framework framework, int? level, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return Level(framework, level, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, (text, args) => localizer[text, args]);
    }

    /// <inheritdoc cref="Level(Framework, int?, IStringLocalizer)"/>
    public static string Level(Framework framework, int? level, Translator translator)
    {
        ArgumentNullException.ThrowIfNull(translator);
        return Level(framework, level, translator.Language, translator.Plain);
    }

    private static string Level(Framework framework, int? level, string language, Func<string, object[], string> words) =>
        ReportText.Level(framework, level, language, words);

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
