using System.Globalization;
using System.Net;
using System.Text;
using MegaBench.Rounds;

namespace MegaBench.Reports;

/// <summary>
/// The city report as one standalone HTML page for printing (the PDF export): no script, no external
/// resource, print CSS for A4 landscape.
/// </summary>
/// <remarks>
/// <para>Every text goes through <see cref="WebUtility.HtmlEncode(string)"/>; nothing is written raw. Narrative
/// Markdown is rendered from Markdig's syntax tree by this class, not by Markdig's HTML renderer: raw
/// HTML in the Markdown is left out, and a link keeps its address only for http, https and mailto.</para>
/// <para>Tables repeat their header row on every page (<c>thead</c> is a table-header-group) and no row
/// is cut across pages (<c>break-inside: avoid</c>); each sheet starts on a new page.</para>
/// </remarks>
public static class RoundHtml
{

    private const string Css = """
        @page { size: A4 landscape; margin: 12mm; }
        body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #000; }
        h1 { font-size: 18pt; } h2 { font-size: 14pt; break-after: avoid; } h3 { font-size: 11pt; break-after: avoid; }
        .sheet { break-before: page; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
        thead { display: table-header-group; }
        tr, td, th { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 1px solid #555; padding: 2px 4px; vertical-align: top; text-align: left; }
        td.mark, th.org { text-align: center; }
        tr.stage td { background: #e8eef4; }
        tr.total td { font-weight: bold; }
        ol.notes { list-style: none; padding-left: 0; margin-top: 0; font-size: 9pt; break-before: avoid; }
        caption { text-align: left; font-weight: bold; padding: 2px 0; break-after: avoid; }
        .sheet-stage { margin-bottom: 1em; }
        .subtle { color: #333; }
        figure.chart { break-inside: avoid; margin: 0.5em 0; } figure.chart img { max-width: 100%; height: auto; }
        """;

    public static string Render(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        var html = new StringBuilder();
        void Text(string? text) => html.Append(WebUtility.HtmlEncode(text ?? ""));
        void Element(string tag, string? text, string? cssClass = null)
        {
            html.Append('<').Append(tag);
            if (cssClass is not null)
            {
                html.Append(" class=\"").Append(cssClass).Append('"');
            }

            html.Append('>');
            Text(text);
            html.Append("</").Append(tag).Append(">\n");
        }

        // Chromium's PDF takes its Title from <title>; ChromiumPdf adds the Creator.
        var title = report.DocumentTitle;
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(WebUtility.HtmlEncode(t.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        Element("title", title);
        html.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        Element("h1", title);
        Element("p", ReportText.Subtitle(report), "subtle");

        var narrative = report.Narrative.Where(n => !string.IsNullOrWhiteSpace(n.Markdown) && !ReportText.IsConclusion(n.Kind)).ToList();
        if (narrative.Count > 0)
        {
            Element("h2", t["Narrative"]);
            foreach (var section in narrative)
            {
                Element("h3", ReportText.Narrative(section.Kind, report.CityName, t));
                RenderMarkdown(html, section.Markdown);
            }
        }

        var conclusions = ReportText.Conclusions(report);
        if (conclusions.Count > 0 || report.Practices.Count > 0)
        {
            html.Append("<section class=\"conclusions\">\n");
            Element("h2", t[ReportText.ConclusionsHeading]);
            foreach (var section in conclusions)
            {
                Element("h3", ReportText.Narrative(section.Kind, report.CityName, t));
                if (section.Drafted)
                {
                    Element("p", t[ReportText.DraftNote], "subtle draft");
                }

                RenderMarkdown(html, section.Markdown);
            }

            if (report.Practices.Count > 0)
            {
                Element("h3", t[ReportText.PracticesHeading]);
                html.Append("<ul class=\"practices\">\n");
                foreach (var practice in report.Practices)
                {
                    html.Append("<li>");
                    if (practice.Link is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    {
                        html.Append("<a href=\"").Append(WebUtility.HtmlEncode(uri.AbsoluteUri)).Append("\">");
                        Text(ReportText.Practice(practice));
                        html.Append("</a>");
                    }
                    else
                    {
                        Text(ReportText.Practice(practice));
                    }

                    html.Append("</li>\n");
                }

                html.Append("</ul>\n");
            }

            html.Append("</section>\n");
        }

        foreach (var sheet in report.Sheets)
        {
            html.Append("<section class=\"sheet\">\n");
            Element("h2", t["Assessment sheet – {0} ({1})", report.Of(sheet.Group.Name), sheet.Group.Code]);
            html.Append("<p><strong>");
            Text(t["Final objective:"]);
            html.Append("</strong> ");
            Text(report.Of(sheet.Group.FinalObjective));
            html.Append("</p>\n");
            Element("p", t[ReportText.SheetKey], "subtle sheet-key");
            if (ReportText.CarriedOverNotice(report, sheet) is { } carried)
            {
                Element("p", carried, "carried-notice");
            }

            // As the seed's printed sheets: one table per stage, captioned with the stage's level, its totals once
            // after its last statement, and the comments and notes on its statements at its foot.
            var span = sheet.Columns.Count + 2;
            foreach (var stage in sheet.Stages)
            {
                html.Append("<div class=\"sheet-stage\">\n<table>\n<caption>");
                Text(t[ReportText.StageCaption, report.CityName, report.Of(stage.Stage.Level)]);
                html.Append("</caption>\n<thead><tr><th scope=\"col\">");
                Text(t["Code"]);
                html.Append("</th><th scope=\"col\">");
                Text(t["Statement"]);
                html.Append("</th>");
                foreach (var column in sheet.Columns)
                {
                    html.Append("<th scope=\"col\" class=\"org\">");
                    Text(RoundXlsx.ColumnHeader(column));
                    html.Append("</th>");
                }

                html.Append("</tr></thead>\n<tbody>\n");
                html.Append("<tr class=\"stage\"><td colspan=\"").Append(span.ToString(CultureInfo.InvariantCulture)).Append("\"><strong>");
                Text(ReportText.StageHeading(report, stage.Stage));
                html.Append("</strong><br>");
                Text(report.Of(stage.GroupStage.Narrative));
                html.Append("</td></tr>\n");
                foreach (var row in stage.Rows)
                {
                    html.Append("<tr><td>");
                    Text(row.Indicator.Code);
                    html.Append("</td><td>");
                    Text(report.Of(row.Indicator.Text));
                    html.Append("</td>");
                    foreach (var cell in row.Cells)
                    {
                        html.Append("<td class=\"mark\">");
                        Text(RoundXlsx.CellText(cell));
                        html.Append("</td>");
                    }

                    html.Append("</tr>\n");
                }

                TotalRow(t["{0} at stage {1}", t[SheetTotals.Heading], stage.Stage.Number], stage.Totals.Select(report.Totals));
                TotalRow(t["Share met at stage {0}", stage.Stage.Number],
                    sheet.Columns.Select(c => t.Percent(report.ScoreOf(c).Stages.First(s => s.Stage == stage.Stage.Number).Tally.ShareMet)));
                if (ReferenceEquals(stage, sheet.Stages[^1]))
                {
                    TotalRow(t["Level"], sheet.Columns.Select(c => report.LevelText(report.ScoreOf(c))));
                }

                html.Append("</tbody>\n</table>\n");
                var notes = sheet.FootnotesOf(stage);
                if (notes.Count > 0)
                {
                    html.Append("<ol class=\"notes\">\n");
                    foreach (var note in notes)
                    {
                        Element("li", $"[{note.Number}] {ReportText.Footnote(note, t)}");
                    }

                    html.Append("</ol>\n");
                }

                html.Append("</div>\n");
            }

            if (sheet.Footnotes.Count == 0)
            {
                Element("p", t["No comments or notes on this sheet."], "subtle");
            }

            html.Append("</section>\n");
        }

        html.Append("<section class=\"sheet\">\n");
        Element("h2", t["Scores"]);
        Element("p", ReportText.ScoringRule(report));
        Table(ReportText.GroupHeadings(t), ReportText.GroupRows(report));
        // The chart is embedded (a data: address), since the page is printed with no resource of its own;
        // its alt text states every figure, and the table below holds them too.
        var chart = report.ChartPng();
        html.Append("<figure class=\"chart\"><img class=\"theme-chart\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(chart))
            .Append("\" alt=\"");
        Text(report.ChartAltText);
        html.Append("\" width=\"").Append((ThemeChart.Width * 3 / 4).ToString(CultureInfo.InvariantCulture)).Append("\"><figcaption>");
        Text(t["{0}: theme scores (0–100) against the network median. The same figures are in the table below.", report.CityName]);
        html.Append("</figcaption></figure>\n");
        Table(ReportText.ThemeHeadings(t), ReportText.ThemeRows(report));
        Table(ReportText.OrganisationHeadings(report), ReportText.OrganisationRows(report));
        html.Append("</section>\n</body>\n</html>\n");
        return html.ToString();

        void TotalRow(string label, IEnumerable<string> values)
        {
            html.Append("<tr class=\"total\"><td></td><td>");
            Text(label);
            html.Append("</td>");
            foreach (var value in values)
            {
                html.Append("<td class=\"mark\">");
                Text(value);
                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        void Table(IReadOnlyList<string> headings, IEnumerable<string[]> rows)
        {
            html.Append("<table>\n<thead><tr>");
            foreach (var heading in headings)
            {
                html.Append("<th scope=\"col\">");
                Text(heading);
                html.Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in rows)
            {
                html.Append("<tr>");
                foreach (var cell in row)
                {
                    html.Append("<td>");
                    Text(cell);
                    html.Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }
    }

    /// <summary>Markdown as sanitised HTML, its headings under the section's (<see cref="NarrativeMarkdown"/>).</summary>
    internal static void RenderMarkdown(StringBuilder html, string markdown) =>
        html.Append(NarrativeMarkdown.ToSafeHtml(markdown, headingOffset: 3)).Append('\n');
}
