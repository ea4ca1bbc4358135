using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace MegaBench.Exports;

/// <summary>CSV writing for every export: UTF-8, RFC 4180 quoting, text cells neutralised against formulas.</summary>
public static class CsvFiles
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    /// <summary>Writes a header and rows of text cells; every cell goes through <see cref="SpreadsheetText.Neutralise"/>.</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, Configuration.Encoding, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration);
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var cell in row)
            {
                csv.WriteField(SpreadsheetText.Neutralise(cell), shouldQuote: true);
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }
}
