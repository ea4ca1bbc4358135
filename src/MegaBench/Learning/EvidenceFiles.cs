using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace MegaBench.Learning;

/// <summary>A kind of file accepted as evidence: its extensions, the content type it is stored and served with, and how its first bytes look.</summary>
public sealed record EvidenceFileType(string Name, IReadOnlyList<string> Extensions, string ContentType, Func<byte[], bool> Matches);

/// <summary>
/// The outcome of <see cref="EvidenceFiles.Check"/>: the clean file name and the content type to store, or a
/// problem as an English sentence with placeholders (the pages translate it).
/// </summary>
public sealed record EvidenceFileCheck(string? FileName, string? ContentType, string? Problem, params object[] Arguments)
{
    public bool Accepted => Problem is null;

    public static EvidenceFileCheck Refused(string problem, params object[] arguments) => new(null, null, problem, arguments);
}

/// <summary>
/// The rules for files uploaded as evidence of a peer review: a size limit, an allow-list of types, and a clean
/// file name. Every path that stores an evidence file (the desk-review page, any later API) calls <see cref="Check"/>.
/// </summary>
/// <remarks>
/// A type is accepted only when the file's extension AND its first bytes agree, so a page saved as HTML and
/// renamed ".pdf" is refused; nothing that a browser would run or render as a page (HTML, SVG, scripts) is on the
/// list. The stored content type comes from the allow-list, never from what the browser sent. Files are served
/// back as attachments only, with <c>X-Content-Type-Options: nosniff</c>. The limit is a constant rather than a
/// setting: the web page's request-size ceiling is an attribute fixed at compile time just above it, and a
/// configured limit above that ceiling would turn into the server's unreadable 400 instead of a message.
/// </remarks>
public static class EvidenceFiles
{
    /// <summary>The largest file stored: 5 MB.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>
    /// The largest upload request the page reads: the file, the form's other fields and the multipart framing. Set
    /// a bit above <see cref="MaxBytes"/> so that a file slightly over the limit still reaches <see cref="Check"/> and
    /// gets a message.
    /// </summary>
    public const long RequestLimitBytes = MaxBytes + (1024 * 1024);

    /// <summary>The longest web address stored as evidence.</summary>
    public const int UrlMaxLength = 2_000;

    /// <summary>The longest file name kept (the extension is kept whole).</summary>
    public const int FileNameMaxLength = 200;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The accepted types, in the order messages list them.</summary>
    public static IReadOnlyList<EvidenceFileType> Types { get; } =
    [
        new("PDF", [".pdf"], "application/pdf", c => StartsWith(c, Pdf)),
        new("PNG", [".png"], "image/png", c => StartsWith(c, Png)),
        new("JPEG", [".jpg", ".jpeg"], "image/jpeg", c => StartsWith(c, Jpeg)),
        new("DOCX", [".docx"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document", c => StartsWith(c, Zip)),
        new("XLSX", [".xlsx"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", c => StartsWith(c, Zip)),
        new("ODT", [".odt"], "application/vnd.oasis.opendocument.text", c => StartsWith(c, Zip)),
        new("TXT", [".txt"], "text/plain; charset=utf-8", IsPlainText),
        new("CSV", [".csv"], "text/csv; charset=utf-8", IsPlainText),
    ];

    /// <summary>The accepted types' names, for messages: "PDF, PNG, JPEG, DOCX, XLSX, ODT, TXT, CSV".</summary>
    public static string TypeNames => string.Join(", ", Types.Select(t => t.Name));

    /// <summary>
    /// Checks an uploaded file: not empty, at most <see cref="MaxBytes"/>, an extension of the allow-list, and
    /// content whose first bytes are of that type (plain text: valid UTF-8 without NUL).
    /// </summary>
    public static EvidenceFileCheck Check(string? fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (TooLarge(fileName, content.LongLength) is { } tooLarge)
        {
            return tooLarge;
        }

        var name = CleanFileName(fileName);
        if (content.Length == 0)
        {
            return EvidenceFileCheck.Refused("The file “{0}” is empty. Choose the file again.", name);
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        var type = Types.FirstOrDefault(t => t.Extensions.Contains(extension, StringComparer.Ordinal));
        if (type is null)
        {
            return EvidenceFileCheck.Refused(
                "Files of type “{0}” are not accepted as evidence. Upload one of these types: {1}; or add a link instead.",
                extension.Length == 0 ? name : extension, TypeNames);
        }

        if (!type.Matches(content))
        {
            return EvidenceFileCheck.Refused(
                "The file “{0}” is named as a {1} file but its content is not {1}. Upload the document saved as {1}, or give it the extension of its real type ({2}).",
                name, type.Name, TypeNames);
        }

        return new EvidenceFileCheck(name, type.ContentType, null);
    }

    /// <summary>
    /// The refusal of a file of <paramref name="length"/> bytes over <see cref="MaxBytes"/>, else null: checked
    /// before the bytes are read.
    /// </summary>
    public static EvidenceFileCheck? TooLarge(string? fileName, long length) =>
        length > MaxBytes
            ? EvidenceFileCheck.Refused(
                "The file “{0}” is {1} MB; an evidence file may be at most {2} MB. Make it smaller (e.g. compress its images), or add a link to it instead.",
                CleanFileName(fileName), Megabytes(length), Megabytes(MaxBytes))
            : null;

    /// <summary>
    /// The name a file is stored and downloaded under: its last path segment (browsers may send a full path),
    /// without control or path characters, spaces collapsed, at most <see cref="FileNameMaxLength"/> characters
    /// with the extension kept; "evidence" when nothing is left.
    /// </summary>
    public static string CleanFileName(string? fileName)
    {
        var name = (fileName ?? "").Split('/', '\\')[^1];
        var kept = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsControl(c) || c is '<' or '>' or ':' or '"' or '|' or '?' or '*' || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            kept.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        var clean = string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        var extension = Path.GetExtension(clean);
        if (extension.Length > 10)
        {
            extension = "";
        }

        var stem = clean[..^extension.Length].TrimEnd('.', ' ');
        if (stem.Length == 0)
        {
            stem = "evidence";
        }

        if (stem.Length + extension.Length > FileNameMaxLength)
        {
            stem = stem[..(FileNameMaxLength - extension.Length)].TrimEnd('.', ' ');
        }

        return stem + extension;
    }

    private static bool StartsWith(byte[] content, byte[] signature) => content.AsSpan().StartsWith(signature);

    /// <summary>Plain text: valid UTF-8 (a byte-order mark allowed) and no NUL, which no text file holds and binaries do.</summary>
    private static bool IsPlainText(byte[] content) => Utf8.IsValid(content) && !content.AsSpan().Contains((byte)0);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.CurrentCulture);
}
