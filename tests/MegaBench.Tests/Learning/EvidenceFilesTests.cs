using System.Text;
using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Learning;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class EvidenceFilesTests
{
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46];
    private static readonly byte[] ZipBytes = [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0];
    private static readonly byte[] HtmlBytes = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(1)</script></html>");
    private static readonly byte[] ExeBytes = [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0];

    public static TheoryData<string, string, string?> Files => new()
    {
        // name, content, the stored content type (null: refused)
        { "report.pdf", "pdf", "application/pdf" },
        { "REPORT.PDF", "pdf", "application/pdf" },
        { "chart.png", "png", "image/png" },
        { "photo.jpg", "jpeg", "image/jpeg" },
        { "photo.jpeg", "jpeg", "image/jpeg" },
        { "plan.docx", "zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "figures.xlsx", "zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "notes.odt", "zip", "application/vnd.oasis.opendocument.text" },
        { "notes.txt", "text", "text/plain; charset=utf-8" },
        { "figures.csv", "text", "text/csv; charset=utf-8" },
        { "page.html", "html", null },
        { "page.htm", "html", null },
        { "drawing.svg", "text", null },
        { "setup.exe", "exe", null },
        { "no-extension", "pdf", null },
        { "page.pdf", "html", null },
        { "setup.pdf", "exe", null },
        { "chart.png", "jpeg", null },
        { "plan.docx", "pdf", null },
        { "binary.txt", "nul", null },
        { "latin1.csv", "latin1", null },
        { "empty.pdf", "empty", null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Check_accepts_a_type_only_when_its_extension_and_first_bytes_agree(string name, string content, string? contentType)
    {
        var bytes = content switch
        {
            "pdf" => PdfBytes,
            "png" => PngBytes,
            "jpeg" => JpegBytes,
            "zip" => ZipBytes,
            "text" => Encoding.UTF8.GetBytes("Name;Théme\r\nAville;finance\r\n"),
            "html" => HtmlBytes,
            "exe" => ExeBytes,
            "nul" => [0x61, 0x00, 0x62],
            "latin1" => [0x54, 0x68, 0xE9, 0x6D, 0x65],
            "empty" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(content)),
        };

        var check = EvidenceFiles.Check(name, bytes);

        Assert.Equal(contentType, check.ContentType);
        Assert.Equal(contentType is not null, check.Accepted);
        Assert.Equal(contentType is null, check.Problem is not null);
    }

    [Theory]
    [InlineData(EvidenceFiles.MaxBytes, true)]
    [InlineData(EvidenceFiles.MaxBytes + 1, false)]
    public void Check_refuses_a_file_over_the_limit_with_its_size_in_the_message(long size, bool accepted)
    {
        var bytes = new byte[size];
        PdfBytes.CopyTo(bytes, 0);

        var check = EvidenceFiles.Check("big.pdf", bytes);

        Assert.Equal(accepted, check.Accepted);
        Assert.Equal(accepted, EvidenceFiles.TooLarge("big.pdf", size) is null);
        if (!accepted)
        {
            Assert.Contains("at most", check.Problem, StringComparison.Ordinal);
            Assert.Equal("big.pdf", check.Arguments[0]);
        }
    }

    [Fact]
    public void Request_limit_is_a_bit_above_the_file_limit()
    {
        Assert.InRange(EvidenceFiles.RequestLimitBytes, EvidenceFiles.MaxBytes + 1, EvidenceFiles.MaxBytes * 2);
    }

    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData(@"C:\Users\me\Desktop\report.pdf", "report.pdf")]
    [InlineData("/home/me/report.pdf", "report.pdf")]
    [InlineData("  annual   report  2024.pdf ", "annual report 2024.pdf")]
    [InlineData("re\u0000port\r\n.pdf", "report.pdf")]
    [InlineData("what?*<>|\":.pdf", "what.pdf")]
    [InlineData("\u202Efdp.exe", "fdp.exe")]
    [InlineData("...pdf", "pdf")]
    [InlineData(".pdf", "pdf")]
    [InlineData("", "evidence")]
    [InlineData(null, "evidence")]
    [InlineData("report.", "report")]
    public void CleanFileName_keeps_a_safe_last_segment(string? name, string expected)
    {
        Assert.Equal(expected, EvidenceFiles.CleanFileName(name));
    }

    [Fact]
    public void CleanFileName_shortens_a_long_name_and_keeps_its_extension()
    {
        var clean = EvidenceFiles.CleanFileName(new string('a', 500) + ".pdf");

        Assert.Equal(EvidenceFiles.FileNameMaxLength, clean.Length);
        Assert.EndsWith("a.pdf", clean, StringComparison.Ordinal);
    }
}
