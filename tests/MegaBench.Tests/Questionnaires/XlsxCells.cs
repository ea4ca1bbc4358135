using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MegaBench.Tests.Questionnaires;

/// <summary>Fills in a downloaded questionnaire as a person with a spreadsheet program would, with the Open XML SDK.</summary>
public static class XlsxCells
{
    /// <summary>Sets cells of the first worksheet ("D8" → "Yes"); a value starting with "=" is written as a formula.</summary>
    public static byte[] Fill(byte[] file, IReadOnlyDictionary<string, string> cells)
    {
        using var stream = new MemoryStream();
        stream.Write(file);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
            var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.GetFirstChild<SheetData>()!;
            Reference(data);
            foreach (var (reference, value) in cells)
            {
                var rowNumber = uint.Parse(reference[1..], System.Globalization.CultureInfo.InvariantCulture);
                var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex?.Value == rowNumber);
                if (row is null)
                {
                    row = new Row { RowIndex = rowNumber };
                    var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex!.Value < rowNumber);
                    if (after is null)
                    {
                        data.PrependChild(row);
                    }
                    else
                    {
                        after.InsertAfterSelf(row);
                    }
                }

                var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
                if (cell is null)
                {
                    cell = new Cell { CellReference = reference };
                    var before = row.Elements<Cell>().FirstOrDefault(c => string.CompareOrdinal(c.CellReference!.Value, reference) > 0 && c.CellReference.Value!.Length >= reference.Length);
                    if (before is null)
                    {
                        row.AppendChild(cell);
                    }
                    else
                    {
                        before.InsertBeforeSelf(cell);
                    }
                }

                cell.RemoveAllChildren();
                if (value.StartsWith('='))
                {
                    cell.DataType = null;
                    cell.AppendChild(new CellFormula(value[1..]));
                    cell.AppendChild(new CellValue("2"));
                }
                else
                {
                    cell.DataType = CellValues.InlineString;
                    cell.AppendChild(new InlineString(new Text(value) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>The text of a cell of the first worksheet, as a spreadsheet program shows it.</summary>
    public static string? Read(byte[] file, string reference)
    {
        using var stream = new MemoryStream(file);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.GetFirstChild<SheetData>()!;
        Reference(data);
        var cell = data.Descendants<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        return cell?.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText
            : cell?.DataType?.Value == CellValues.SharedString ? workbook.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
            : cell?.CellValue?.Text;
    }

    /// <summary>Gives every row and cell its reference: SpreadCheetah, like the format allows, writes cells by position only.</summary>
    private static void Reference(SheetData data)
    {
        uint rowNumber = 0;
        foreach (var row in data.Elements<Row>())
        {
            rowNumber = row.RowIndex?.Value ?? rowNumber + 1;
            row.RowIndex = rowNumber;
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                if (cell.CellReference?.Value is { } existing)
                {
                    column = existing.TakeWhile(char.IsAsciiLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1));
                }
                else
                {
                    column++;
                    cell.CellReference = $"{(char)('A' + column - 1)}{rowNumber}";
                }
            }
        }
    }
}
