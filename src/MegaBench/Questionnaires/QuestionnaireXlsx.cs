using System.Globalization;
using System.Text;
using MegaBench.Answers;
using MegaBench.Exports;
using MegaBench.Frameworks;
using MegaBench.Reports;
using MegaBench.Rounds;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Validations;
using SpreadCheetah.Worksheets;

namespace MegaBench.Questionnaires;

/// <summary>
/// One organisation's questionnaire as an XLSX file to fill in offline (written with SpreadCheetah), and the
/// facts the import reads back from it.
/// </summary>
/// <remarks>
/// <para>The first worksheet is for people: the organisation and round, then one row per statement of the
/// organisation's group in sheet order (code, stage, statement, answer, comment, evidence). The answer column
/// is a validated list of the three choices in the file's language; an empty cell is "not yet answered".</para>
/// <para>A hidden worksheet, <see cref="FactsSheetName"/>, identifies the file (format, round, organisation,
/// group, language, header row) and holds, per statement, the answer's version and a fingerprint of what the
/// file showed. The import applies only the rows a person changed, and refuses a changed row whose answer was
/// changed in MegaBench after the download (a conflict, never a silent overwrite).</para>
/// <para>Texts go through <see cref="SpreadsheetText.Neutralise"/> like every export; the import undoes
/// exactly that prefix (<see cref="SpreadsheetText.Restore"/>), so a comment starting with "-" comes back as typed.</para>
/// </remarks>
public static class QuestionnaireXlsx
{
    public const string Format = "megabench-questionnaire";
    public const int FormatVersion = 1;
    public const string FactsSheetName = "MegaBench";

    /// <summary>The row of the column headings; statements start on the next row.</summary>
    public const int HeaderRow = 7;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the questionnaire of <paramref name="organisation"/> (its Round, the round's City and its Answers loaded).</summary>
    public static async Task WriteAsync(Organisation organisation, Framework framework, QuestionnaireTexts texts, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(output);

        // As RoundXlsx: the zip container ends with a synchronous write, which an HTTP response refuses.
        using var buffer = new MemoryStream();
        await WriteWorkbookAsync(organisation, framework, texts, buffer, cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary>"questionnaire-testville-2026-alpha.xlsx": ASCII letters and digits only, for every browser and file system.</summary>
    public static string FileName(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var round = organisation.Round ?? throw new InvalidOperationException("Load the organisation's Round.");
        return $"questionnaire-{Slug(round.City?.Name)}-{round.Year}-{Slug(organisation.Name)}.xlsx".Replace("--", "-", StringComparison.Ordinal);
    }

    /// <summary>What the file showed for one statement, as compared on import to tell a changed row from an untouched one.</summary>
    public static string Fingerprint(AnswerValue value, string? comment, string? evidence) => AnswerFingerprint.Of(value, comment, evidence);


    private static async Task WriteWorkbookAsync(Organisation organisation, Framework framework, QuestionnaireTexts texts, Stream output, CancellationToken ct)
    {
        var round = organisation.Round ?? throw new InvalidOperationException("Load the organisation's Round (and its City).");
        var group = framework.FindGroup(organisation.GroupCode)
            ?? throw new InvalidOperationException($"Group '{organisation.GroupCode}' is not in framework {framework.Id} {framework.Version}.");
        var stored = organisation.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        var language = texts.Language;

        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: ct);
        var title = spreadsheet.AddStyle(new Style { Font = { Bold = true, Size = 14 } });
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var wrap = spreadsheet.AddStyle(new Style { Alignment = { WrapText = true, Vertical = VerticalAlignment.Top } });

        var options = new WorksheetOptions { FrozenRows = HeaderRow };
        options.Column(1).Width = 11;
        options.Column(2).Width = 22;
        options.Column(3).Width = 70;
        options.Column(4).Width = 18;
        options.Column(5).Width = 45;
        options.Column(6).Width = 35;
        await spreadsheet.StartWorksheetAsync(SheetName(texts.SheetName), options, ct);
        await spreadsheet.AddRowAsync([Text(string.Format(CultureInfo.InvariantCulture, texts.Title, organisation.Name), title)], ct);
        await spreadsheet.AddRowAsync([Text(texts.Organisation, bold), Text(organisation.Name)], ct);
        await spreadsheet.AddRowAsync([Text(texts.Round, bold), Text($"{round.City?.Name} {round.Year}")], ct);
        await spreadsheet.AddRowAsync([Text(texts.Group, bold), Text(group.Name[language])], ct);
        await spreadsheet.AddRowAsync([Text(texts.Instructions, wrap)], ct);
        await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
        await spreadsheet.AddRowAsync(
            [Text(texts.Code, bold), Text(texts.Stage, bold), Text(texts.Statement, bold), Text(texts.Answer, bold), Text(texts.Comment, bold), Text(texts.Evidence, bold)], ct);

        var indicators = group.Indicators.ToList();
        foreach (var indicator in indicators)
        {
            var answer = stored.GetValueOrDefault(indicator.Code);
            var stage = framework.FindStage(indicator.Stage);
            await spreadsheet.AddRowAsync(
            [
                Text(indicator.Code),
                Text(stage is null ? indicator.Stage.ToString(CultureInfo.InvariantCulture) : $"{indicator.Stage}. {stage.Name[language]}", wrap),
                Text(indicator.Text[language], wrap),
                Text(texts.Label(answer?.Value ?? AnswerValue.Unanswered)),
                Text(answer?.Comment, wrap),
                Text(answer?.Evidence, wrap),
            ], ct);
        }

        if (indicators.Count > 0)
        {
            var validation = DataValidation.ListValues([texts.Yes, texts.No, texts.NotDetermined]);
            validation.ErrorTitle = texts.ChoiceErrorTitle;
            validation.ErrorMessage = texts.ChoiceErrorMessage;
            spreadsheet.AddDataValidation($"D{HeaderRow + 1}:D{HeaderRow + indicators.Count}", validation);
        }

        await spreadsheet.StartWorksheetAsync(FactsSheetName, new WorksheetOptions { Visibility = WorksheetVisibility.Hidden }, ct);
        await spreadsheet.AddRowAsync([new Cell("format"), new Cell(Format)], ct);
        await spreadsheet.AddRowAsync([new Cell("format version"), new Cell(FormatVersion)], ct);
        await spreadsheet.AddRowAsync([new Cell("round"), new Cell(round.Id)], ct);
        await spreadsheet.AddRowAsync([new Cell("organisation"), new Cell(organisation.Id)], ct);
        await spreadsheet.AddRowAsync([new Cell("organisation name"), Text(organisation.Name)], ct);
        await spreadsheet.AddRowAsync([new Cell("group"), new Cell(group.Code)], ct);
        await spreadsheet.AddRowAsync([new Cell("language"), new Cell(language)], ct);
        await spreadsheet.AddRowAsync([new Cell("header row"), new Cell(HeaderRow)], ct);
        await spreadsheet.AddRowAsync([new Cell("code"), new Cell("version"), new Cell("fingerprint")], ct);
        foreach (var indicator in indicators)
        {
            var answer = stored.GetValueOrDefault(indicator.Code);
            await spreadsheet.AddRowAsync(
                [new Cell(indicator.Code), new Cell(answer?.Version ?? 0), new Cell(Fingerprint(answer?.Value ?? AnswerValue.Unanswered, answer?.Comment, answer?.Evidence))], ct);
        }

        await spreadsheet.FinishAsync(ct);
    }

    private static Cell Text(string? text, StyleId? style = null) =>
        style is null ? new Cell(XmlText.Clean(SpreadsheetText.Neutralise(text))) : new Cell(XmlText.Clean(SpreadsheetText.Neutralise(text)), style);

    /// <summary>A worksheet name within Excel's 31 characters, without the characters it forbids.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\'".Contains(c, StringComparison.Ordinal) ? ' ' : c)]).Trim();
        clean = clean.Length <= 31 ? clean : clean[..31].TrimEnd();
        return clean.Length == 0 || clean == FactsSheetName ? "Questionnaire" : clean;
    }

    private static string Slug(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "organisation" : slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }
}
