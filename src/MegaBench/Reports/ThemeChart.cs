using MegaBench.Localization;
using ScottPlot;

namespace MegaBench.Reports;

/// <summary>One theme on the chart: the city's score and the network median, 0–100 (null: no data).</summary>
public sealed record ThemeChartRow(string Theme, string Label, double? City, double? NetworkMedian, bool LowCoverage);

/// <summary>
/// The city's theme scores against the network median, as a horizontal bar chart drawn by ScottPlot
/// (PNG for pages and documents, SVG where a vector image is wanted).
/// </summary>
/// <remarks>
/// The chart never stands alone: every page that shows it also shows the same figures in a table, and its
/// alt text (<see cref="AltText"/>) states them, so that no figure is only in the picture. A theme without
/// data has no bar and "(no data)" after its name; a low-coverage score has "(little data)" after its name.
/// Every word on it (title, axis, legend, those marks) and in its alt text comes in the language of the
/// <see cref="InterfaceText"/> given, English by default.
/// </remarks>
public static class ThemeChart
{
    public const int Width = 900;

    /// <summary>The city's bars (dark blue) and the network median's (light orange) differ in colour and lightness.</summary>
    private static readonly Color CityColour = Color.FromHex("#1f4e79");
    private static readonly Color MedianColour = Color.FromHex("#f4b183");

    /// <summary>The chart's rows: every theme of the framework in order, named in <paramref name="language"/>.</summary>
    public static IReadOnlyList<ThemeChartRow> Rows(Frameworks.Framework framework, Scoring.CityScore score, Matching.NetworkAnalysis? network, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(score);
        return [.. framework.Themes.Select(t =>
        {
            var own = score.FindTheme(t.Code);
            return new ThemeChartRow(t.Code, t.Name[language], own?.Score, network?.ThemeMedian(t.Code), own?.LowCoverage ?? true);
        })];
    }

    public static byte[] Png(string city, IReadOnlyList<ThemeChartRow> rows, InterfaceText? text = null)
    {
        using var plot = Build(city, rows, text ?? InterfaceText.English);
        return plot.GetImageBytes(Width, Height(rows), ImageFormat.Png);
    }

    public static string Svg(string city, IReadOnlyList<ThemeChartRow> rows, InterfaceText? text = null)
    {
        using var plot = Build(city, rows, text ?? InterfaceText.English);
        return plot.GetSvgXml(Width, Height(rows));
    }

    /// <summary>A text equivalent of the chart: every theme with both figures (the profile page's alt text too).</summary>
    public static string AltText(string city, IReadOnlyList<ThemeChartRow> rows, InterfaceText? text = null)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(rows);
        var t = text ?? InterfaceText.English;
        string Figure(double? value) => value is { } v ? ReportText.Points(v) : t["no data"];
        var figures = string.Join("; ", rows.Select(r => t["{0} {1}, median {2}",
            r.LowCoverage && r.City is not null ? t["{0} (little data)", r.Label] : r.Label, Figure(r.City), Figure(r.NetworkMedian)]));
        return t["Bar chart of {0}’s theme scores (0 to 100) against the network median: {1}.", city, figures];
    }

    /// <summary>The chart's height in pixels: room for the title, the axis and the legend, and a band per theme.</summary>
    public static int Height(IReadOnlyList<ThemeChartRow> rows) => 150 + (rows.Count * 44);

    private static Plot Build(string city, IReadOnlyList<ThemeChartRow> rows, InterfaceText text)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(rows);
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();

        // First theme at the top: positions count down from the number of rows.
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            double centre = rows.Count - i;
            if (row.City is { } score)
            {
                bars.Add(new Bar { Position = centre + 0.18, Value = score, FillColor = CityColour, Size = 0.34, LineWidth = 0 });
            }

            if (row.NetworkMedian is { } median)
            {
                bars.Add(new Bar { Position = centre - 0.18, Value = median, FillColor = MedianColour, Size = 0.34, LineWidth = 0 });
            }

            var label = row.City is null ? text["{0} (no data)", row.Label] : row.LowCoverage ? text["{0} (little data)", row.Label] : row.Label;
            ticks.Add(new Tick(centre, label, isMajor: true));
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(0, 100, 0.4, rows.Count + 0.6);
        plot.Axes.Bottom.Label.Text = text["Score (0–100)"];
        plot.Title(text["{0}: theme scores against the network median", city]);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = city, FillColor = CityColour });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = text["Network median"], FillColor = MedianColour });
        // Outside the data area, so that it never hides a bar.
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
