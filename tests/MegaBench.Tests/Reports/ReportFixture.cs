using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MegaBench.Answers;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace MegaBench.Tests.Reports;

/// <summary>
/// The small demo city of the export tests: Demoville (Testland), 2018, on the test framework (groups AAA and
/// BBB, two statements per stage), with notes, comments, a comment that looks like a formula, and a narrative
/// with a heading, a list, a link and raw HTML that must not survive.
/// </summary>
internal static class ReportFixture
{
    public const string FormulaComment = "=1+1";

    public static Task<BuiltRound> BuildAsync(TestDatabase database, string city = "Demoville", int year = 2018) =>
        new RoundBuilder()
            .InNetwork("Demo exports network")
            .ForCity(city, "Testland")
            .InYear(year)
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha office", "AAA", "Answered by phone.",
                new("AAA-1.01", AnswerValue.Yes, Comment: "A help desk since 2015."),
                new("AAA-1.02", AnswerValue.Yes),
                new("AAA-2.01", AnswerValue.No, Comment: FormulaComment),
                new("AAA-2.02", AnswerValue.NotDetermined, Note: "The positive answer is not supported by further detailed information."),
                new("AAA-3.01", AnswerValue.No))
            .WithOrganisation("Beta chamber", "AAA", null,
                new("AAA-1.01", AnswerValue.No),
                new("AAA-1.02", AnswerValue.Yes),
                new("AAA-2.01", AnswerValue.Yes))
            .WithOrganisation("Gamma association", "BBB", null,
                new("BBB-1.01", AnswerValue.Yes),
                new("BBB-1.02", AnswerValue.Yes),
                new("BBB-2.01", AnswerValue.Yes))
            .WithNarrative(NarrativeKind.NationalContext,
                "Migrant entrepreneurs are **many**.\n\n## Support\n\n- one desk\n- [a guide](https://example.org/guide)\n- [bad](javascript:alert(1))\n\n<script>alert('x')</script>\n")
            .WithNarrative(NarrativeKind.MayShare, "1. Its help desk\n2. Its *mentoring*\n")
            .BuildAsync(database);

    public static async Task<RoundReport> LoadAsync(TestDatabase database, int roundId)
    {
        await using var db = database.NewContext();
        // As the DOCX and PDF exports load it: set among its network.
        var report = await RoundReport.LoadAsync(db, roundId, TestContext.Current.CancellationToken);
        return await RoundReport.CompareAsync(db, report, TestContext.Current.CancellationToken);
    }

    public static async Task<byte[]> WriteAsync(RoundReport report, RoundExportFormat format)
    {
        using var output = new MemoryStream();
        await RoundExports.WriteAsync(report, format, output, chromiumPath: null, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    /// <summary>The expected text of a snapshot, from Reports/Expected beside the test assembly's sources.</summary>
    public static string Expected(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reports", "Expected", name);
        return File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : $"(no file Reports/Expected/{name})";
    }

    /// <summary>The sheet names of an XLSX, in order.</summary>
    public static IReadOnlyList<string> SheetNames(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return [.. document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];
    }

    /// <summary>One worksheet as text: a line per row, cells joined by " | ", as a reader sees them.</summary>
    public static string WorksheetText(byte[] xlsx, string name)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var text = new StringBuilder();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            text.Append(string.Join(" | ", row.Elements<Cell>().Select(c =>
                c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
                : c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                : c.CellValue?.Text ?? ""))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The body of a DOCX as text: a line per paragraph ("[Style] text"), a line per table row (cells joined by " | ").</summary>
    public static string DocumentText(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var text = new StringBuilder();
        foreach (var element in document.MainDocumentPart!.Document!.Body!.ChildElements)
        {
            switch (element)
            {
                case W.Paragraph paragraph:
                    var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
                    var numbered = paragraph.ParagraphProperties?.NumberingProperties is { } numbering ? $"(list {numbering.NumberingId!.Val}) " : "";
                    text.Append(style is null ? "" : $"[{style}] ").Append(numbered).Append(ParagraphText(paragraph)).Append('\n');
                    break;
                case W.Table table:
                    foreach (var row in table.Elements<W.TableRow>())
                    {
                        var header = row.TableRowProperties?.GetFirstChild<W.TableHeader>() is null ? "" : "(header) ";
                        text.Append(header).Append(string.Join(" | ", row.Elements<W.TableCell>().Select(c =>
                            string.Join(" / ", c.Elements<W.Paragraph>().Select(ParagraphText))))).Append('\n');
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static string ParagraphText(W.Paragraph paragraph) =>
        string.Concat(paragraph.Descendants().Select(e => e switch
        {
            W.Text t => t.Text,
            W.Break => "⏎",
            _ => "",
        }));
}
