using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Exports;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Questionnaires;

/// <summary>
/// One problem found in an uploaded questionnaire file. <see cref="Format"/> is an English sentence with
/// <c>{0}</c> placeholders, so that the web app can show it in the reader's language (the sentence is the
/// translation key) with the <see cref="Arguments"/> filled in.
/// </summary>
public sealed record ImportProblem(int? Row, string Format, params object[] Arguments)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Format, Arguments);
}

/// <summary>The outcome of an import: applied (with how many answers changed), or refused with every problem found.</summary>
public sealed record ImportReport(bool Applied, int Changed, IReadOnlyList<ImportProblem> Problems)
{
    public static ImportReport Refused(params ImportProblem[] problems) => new(false, 0, problems);
}

/// <summary>Bounds on what an upload may be, checked before any XML is parsed.</summary>
public sealed record ImportLimits(long MaxFileBytes, long MaxUncompressedBytes, int MaxEntries, int MaxRows)
{
    /// <summary>A questionnaire of a hundred statements is about 15 KB, 200 KB unpacked; these leave room for long comments.</summary>
    public static ImportLimits Default { get; } = new(MaxFileBytes: 5 * 1024 * 1024, MaxUncompressedBytes: 50 * 1024 * 1024, MaxEntries: 100, MaxRows: 5000);
}

/// <summary>
/// Reads a filled-in questionnaire file (<see cref="QuestionnaireXlsx"/>) back into an organisation's answers:
/// every row is checked, and either every change is applied, in one transaction, or none is.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The container is checked before parsing: the file's size, that it is a zip, the number of parts and
/// their uncompressed size as actually decompressed (a zip bomb declares small sizes), so that no parser ever
/// sees an oversized document.</item>
/// <item>It must be a MegaBench questionnaire (its hidden facts sheet) of this organisation in this round.</item>
/// <item>Each row: a known statement code of the organisation's group, at most once; an answer among the choices
/// (in any supported language, or empty for "not yet answered"); texts within the form's limits and without
/// NUL or an invalid code point (<see cref="TextLimits.IsStorable"/>). A cell holding a formula is refused, never evaluated: the file should hold values only.</item>
/// <item>Only rows whose content differs from what the file showed are applied; a changed row whose answer was
/// changed in MegaBench after the download is a conflict, reported by row, and nothing is applied.</item>
/// </list>
/// </remarks>
public static class QuestionnaireImport
{
    /// <summary>The same limits as every other way of saving an answer.</summary>
    public const int CommentMaxLength = Questionnaire.CommentMaxLength;

    public const int EvidenceMaxLength = Questionnaire.EvidenceMaxLength;

    /// <summary>Checks <paramref name="file"/> against the organisation and applies it, all or nothing.</summary>
    /// <param name="languages">The texts of every supported language: a choice is accepted in any of them, and the first gives the messages' choice names.</param>
    public static async Task<ImportReport> ImportAsync(
        MegaBenchDbContext db, int organisationId, Stream file, IReadOnlyList<QuestionnaireTexts> languages,
        string actorName, DateTimeOffset now, ImportLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(languages);
        limits ??= ImportLimits.Default;

        var organisation = await db.Organisations
            .Include(o => o.Round).ThenInclude(r => r!.Framework)
            .Include(o => o.Answers)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
            ?? throw new InvalidOperationException($"Organisation {organisationId} does not exist.");
        var framework = FrameworkStore.Read(organisation.Round!.Framework!);
        var group = framework.FindGroup(organisation.GroupCode)
            ?? throw new InvalidOperationException($"Group '{organisation.GroupCode}' is not in framework {framework.Id} {framework.Version}.");

        // As on the coordinator's form: readers see a published round, so a correction goes through reopening it.
        if (organisation.Round.Status == RoundStatus.Published)
        {
            return ImportReport.Refused(new ImportProblem(null,
                "The round is published, so its answers cannot be changed. Reopen the round (set its status to Closed on the round’s page), import the file, and publish the round again."));
        }

        var read = await ReadAsync(file, limits, cancellationToken);
        if (read.Problems.Count > 0)
        {
            return new ImportReport(false, 0, read.Problems);
        }

        var sheet = read.Sheet!;
        if (sheet.OrganisationId != organisation.Id || sheet.RoundId != organisation.RoundId)
        {
            return ImportReport.Refused(new ImportProblem(null,
                "This file is the questionnaire of {0} (organisation {1} of round {2}), not of {3}. Upload it on that organisation's row, or download {3}'s own file.",
                sheet.OrganisationName, sheet.OrganisationId, sheet.RoundId, organisation.Name));
        }

        var changes = Check(sheet, organisation, group, languages, limits, out var problems);
        if (problems.Count > 0)
        {
            return new ImportReport(false, 0, problems);
        }

        if (changes.Count == 0)
        {
            return new ImportReport(true, 0, []);
        }

        var stored = organisation.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (stored.GetValueOrDefault(change.Code) is { } answer)
            {
                answer.Version++;
            }
            else
            {
                answer = new Answer { IndicatorCode = change.Code, Version = 1 };
                organisation.Answers.Add(answer);
            }

            answer.Value = change.Value;
            answer.Comment = change.Comment;
            answer.Evidence = change.Evidence;
            answer.UpdatedBy = actorName;
            answer.UpdatedAt = now;
        }

        try
        {
            // One SaveChanges is one transaction: every change, with its audit entries, or none.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ImportReport.Refused(new ImportProblem(null,
                "Someone changed answers of {0} while the file was being imported, so nothing was imported. Upload the file again.", organisation.Name));
        }

        return new ImportReport(true, changes.Count, []);
    }

    private sealed record Change(string Code, AnswerValue Value, string? Comment, string? Evidence);

    private static List<Change> Check(QuestionnaireSheet sheet, Organisation organisation, StakeholderGroup group,
        IReadOnlyList<QuestionnaireTexts> languages, ImportLimits limits, out List<ImportProblem> problems)
    {
        problems = [.. sheet.Problems];
        var codes = group.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var stored = organisation.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<Change>();
        var messageTexts = languages.FirstOrDefault(l => l.Language == sheet.Language) ?? (languages.Count > 0 ? languages[0] : QuestionnaireTexts.English);
        if (sheet.Rows.Count > limits.MaxRows)
        {
            problems.Add(new ImportProblem(null, "The file has {0} rows; a questionnaire has at most {1}. Download the file again and fill that one in.", sheet.Rows.Count, limits.MaxRows));
            return [];
        }

        foreach (var row in sheet.Rows)
        {
            var code = row.Code?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                if (!string.IsNullOrWhiteSpace(row.Answer) || !string.IsNullOrWhiteSpace(row.Comment) || !string.IsNullOrWhiteSpace(row.Evidence))
                {
                    problems.Add(new ImportProblem(row.Number, "Row {0} has an answer or comment but no statement code in column A. Put the row's code back (as downloaded) or empty the row.", row.Number));
                }

                continue;
            }

            if (!codes.Contains(code))
            {
                problems.Add(new ImportProblem(row.Number, "Row {0}: '{1}' is not a statement of {2}'s questionnaire. Keep the codes as downloaded.", row.Number, code, organisation.Name));
                continue;
            }

            if (firstRow.TryGetValue(code, out var first))
            {
                problems.Add(new ImportProblem(row.Number, "Row {0}: statement {1} appears again (first on row {2}). Keep one row per statement.", row.Number, code, first));
                continue;
            }

            firstRow[code] = row.Number;
            var value = ParseChoice(row.Answer, languages);
            if (value is null)
            {
                problems.Add(new ImportProblem(row.Number, "Row {0} ({1}): '{2}' is not a choice. Choose {3}, {4} or {5}, or leave the cell empty when not yet answered.",
                    row.Number, code, row.Answer!.Trim(), messageTexts.Yes, messageTexts.No, messageTexts.NotDetermined));
                continue;
            }

            var comment = AnswerText.Clean(SpreadsheetText.Restore(row.Comment));
            var evidence = AnswerText.Clean(SpreadsheetText.Restore(row.Evidence));
            var textProblem = false;
            foreach (var (text, max, format) in new[]
            {
                (comment, CommentMaxLength, "Row {0} ({1}): the comment is {2} characters long; use at most {3}."),
                (evidence, EvidenceMaxLength, "Row {0} ({1}): the evidence is {2} characters long; use at most {3}."),
            })
            {
                if (AnswerText.OverLimit(text, max) is { } length)
                {
                    problems.Add(new ImportProblem(row.Number, format, row.Number, code, length, max));
                    textProblem = true;
                }
                else if (!TextLimits.IsStorable(text))
                {
                    problems.Add(new ImportProblem(row.Number, "Row {0} ({1}): a text holds a character that cannot be stored (NUL or an invalid code point). Retype the cell.", row.Number, code));
                    textProblem = true;
                }
            }

            if (textProblem)
            {
                continue;
            }

            (int Version, string Fingerprint)? downloaded = sheet.Downloaded.TryGetValue(code, out var shown) ? shown : null;
            var answer = stored.GetValueOrDefault(code);
            var fingerprint = QuestionnaireXlsx.Fingerprint(value.Value, comment, evidence);
            var current = QuestionnaireXlsx.Fingerprint(answer?.Value ?? AnswerValue.Unanswered, answer?.Comment, answer?.Evidence);
            if (downloaded is not null && fingerprint == downloaded.Value.Fingerprint)
            {
                continue; // Untouched in the file: whatever MegaBench holds now stays.
            }

            if (fingerprint == current)
            {
                continue; // Already what MegaBench holds.
            }

            if ((answer?.Version ?? 0) != (downloaded?.Version ?? 0))
            {
                problems.Add(new ImportProblem(row.Number,
                    "Row {0} ({1}): this answer was changed in MegaBench after the file was downloaded (by {2}), so the file would overwrite it. Nothing was imported: download the file again and copy your changes into it.",
                    row.Number, code, answer?.UpdatedBy ?? "?"));
                continue;
            }

            changes.Add(new Change(code, value.Value, comment, evidence));
        }

        return changes;
    }


    /// <summary>The choice named in any language (case and surrounding spaces ignored), Unanswered for an empty cell, null for anything else.</summary>
    internal static AnswerValue? ParseChoice(string? text, IReadOnlyList<QuestionnaireTexts> languages)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return AnswerValue.Unanswered;
        }

        foreach (var texts in languages.Append(QuestionnaireTexts.English))
        {
            foreach (var value in new[] { AnswerValue.Yes, AnswerValue.No, AnswerValue.NotDetermined })
            {
                if (string.Equals(texts.Label(value), trimmed, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }
        }

        return null;
    }

    internal sealed record SheetRow(int Number, string? Code, string? Answer, string? Comment, string? Evidence);

    internal sealed record QuestionnaireSheet(
        int RoundId, int OrganisationId, string OrganisationName, string Language,
        IReadOnlyDictionary<string, (int Version, string Fingerprint)> Downloaded, IReadOnlyList<SheetRow> Rows, IReadOnlyList<ImportProblem> Problems);

    internal sealed record ReadResult(QuestionnaireSheet? Sheet, IReadOnlyList<ImportProblem> Problems);

    private static ReadResult Refuse(string format, params object[] arguments) => new(null, [new ImportProblem(null, format, arguments)]);

    /// <summary>Checks the container, then reads the facts sheet and the rows of the first worksheet.</summary>
    internal static async Task<ReadResult> ReadAsync(Stream file, ImportLimits limits, CancellationToken cancellationToken)
    {
        // Read at most one byte more than allowed: a longer upload is refused without being read whole.
        using var bytes = new MemoryStream();
        var chunk = new byte[81920];
        int count;
        while ((count = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            bytes.Write(chunk, 0, count);
            if (bytes.Length > limits.MaxFileBytes)
            {
                return Refuse("The file is larger than {0} MB, far more than a questionnaire. Upload the questionnaire file as downloaded from MegaBench.", limits.MaxFileBytes / (1024 * 1024));
            }
        }

        if (bytes.Length == 0)
        {
            return Refuse("The file is empty. Choose the filled-in questionnaire file (.xlsx) and upload it again.");
        }

        if (CheckContainer(bytes, limits) is { } problem)
        {
            return new ReadResult(null, [problem]);
        }

        bytes.Position = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(bytes, isEditable: false);
            return ReadWorkbook(document);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or IOException or InvalidOperationException or FormatException)
        {
            // The reader's own message names XML parts and .NET types, which mean nothing to a respondent.
            return Refuse("The file is not a spreadsheet that can be read. Upload the questionnaire file (.xlsx) as downloaded from MegaBench and filled in.");
        }
    }

    /// <summary>The zip container's size as actually decompressed, and its number of parts, within the limits.</summary>
    private static ImportProblem? CheckContainer(MemoryStream bytes, ImportLimits limits)
    {
        const string notSpreadsheet = "The file is not an Excel workbook (.xlsx). Upload the questionnaire file as downloaded from MegaBench; if you saved it in another format, save it again as .xlsx.";
        bytes.Position = 0;
        try
        {
            using var zip = new ZipArchive(bytes, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxEntries)
            {
                return new ImportProblem(null, "The file holds {0} parts; a questionnaire holds about a dozen (at most {1} are read). Upload the questionnaire file as downloaded from MegaBench.", zip.Entries.Count, limits.MaxEntries);
            }

            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null)
            {
                return new ImportProblem(null, notSpreadsheet);
            }

            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > limits.MaxUncompressedBytes)
                    {
                        return new ImportProblem(null, "The file unpacks to more than {0} MB, far more than a questionnaire (it may be a zip bomb). Upload the questionnaire file as downloaded from MegaBench.", limits.MaxUncompressedBytes / (1024 * 1024));
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            return new ImportProblem(null, notSpreadsheet);
        }

        return null;
    }

    private static ReadResult ReadWorkbook(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart;
        var sheets = workbook?.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
        var factsSheet = sheets.FirstOrDefault(s => s.Name?.Value == QuestionnaireXlsx.FactsSheetName);
        var answersSheet = sheets.FirstOrDefault(s => s.Name?.Value != QuestionnaireXlsx.FactsSheetName);
        const string notQuestionnaire = "The file is a workbook but not a MegaBench questionnaire (its hidden sheet \"MegaBench\" is missing or damaged). Download the organisation's questionnaire file and fill that one in.";
        if (workbook is null || factsSheet is null || answersSheet is null)
        {
            return Refuse(notQuestionnaire);
        }

        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var facts = Cells(workbook, factsSheet, strings);
        string? Fact(string name) => facts.FirstOrDefault(r => r.Cells.GetValueOrDefault(1)?.Text == name).Cells?.GetValueOrDefault(2)?.Text;
        if (Fact("format") != QuestionnaireXlsx.Format
            || !int.TryParse(Fact("format version"), CultureInfo.InvariantCulture, out var formatVersion) || formatVersion != QuestionnaireXlsx.FormatVersion
            || !int.TryParse(Fact("round"), CultureInfo.InvariantCulture, out var roundId)
            || !int.TryParse(Fact("organisation"), CultureInfo.InvariantCulture, out var organisationId)
            || !int.TryParse(Fact("header row"), CultureInfo.InvariantCulture, out var headerRow))
        {
            return Refuse(notQuestionnaire);
        }

        var downloaded = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        var versionsStart = facts.FindIndex(r => r.Cells.GetValueOrDefault(1)?.Text == "code");
        foreach (var (_, cells) in facts.Skip(versionsStart + 1))
        {
            if (cells.GetValueOrDefault(1)?.Text is { Length: > 0 } code
                && int.TryParse(cells.GetValueOrDefault(2)?.Text, CultureInfo.InvariantCulture, out var version)
                && cells.GetValueOrDefault(3)?.Text is { Length: > 0 } fingerprint)
            {
                downloaded[code] = (version, fingerprint);
            }
        }

        var problems = new List<ImportProblem>();
        var rows = new List<SheetRow>();
        foreach (var (number, cells) in Cells(workbook, answersSheet, strings).Where(r => r.Number > headerRow))
        {
            foreach (var (column, cell) in cells.Where(c => c.Key <= 6 && c.Value.IsFormula).OrderBy(c => c.Key))
            {
                problems.Add(new ImportProblem(number, "Row {0}: cell {1}{0} holds a formula, which is never calculated on import. Type the value itself.", number, (char)('A' + column - 1)));
            }

            rows.Add(new SheetRow(number, cells.GetValueOrDefault(1)?.Text, cells.GetValueOrDefault(4)?.Text, cells.GetValueOrDefault(5)?.Text, cells.GetValueOrDefault(6)?.Text));
        }

        return new ReadResult(
            new QuestionnaireSheet(roundId, organisationId, Fact("organisation name") ?? "?", Fact("language") ?? "en", downloaded, rows, problems), []);
    }

    private sealed record CellValue(string? Text, bool IsFormula);

    /// <summary>The rows of a worksheet, each with its cells by column number (A = 1), as text.</summary>
    private static List<(int Number, Dictionary<int, CellValue> Cells)> Cells(WorkbookPart workbook, Sheet sheet, List<string> strings)
    {
        var rows = new List<(int, Dictionary<int, CellValue>)>();
        if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            return rows;
        }

        var previous = 0;
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var number = row.RowIndex?.Value is { } index ? (int)index : previous + 1;
            previous = number;
            var cells = new Dictionary<int, CellValue>();
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : column + 1;
                cells[column] = new CellValue(TextOf(cell, strings), cell.CellFormula is not null);
            }

            rows.Add((number, cells));
        }

        return rows;
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column;
    }

    private static string? TextOf(Cell cell, List<string> strings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        var raw = cell.CellValue?.Text;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < strings.Count ? strings[index] : null;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        return raw;
    }
}
