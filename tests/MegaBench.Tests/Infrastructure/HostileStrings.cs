namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// Text that has broken other applications: markup and script injections, SQL fragments, formula starts,
/// bidirectional and zero-width characters, emoji, and a very long text. Every free-text field must store
/// each byte for byte and render it inert.
/// </summary>
public static class HostileStrings
{
    public const string Script = "<script>alert('x')</script>";
    public const string EventHandler = "<img src=x onerror=alert(1)>";
    public const string JavascriptLink = "[click](javascript:alert(1))";
    public const string AttributeBreakout = "\"><svg onload=alert(1)>";
    public const string Sql = "Robert'); DROP TABLE Answers;--";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
    public const string RightToLeft = "\u202Egnp.exe\u202C العربية עברית";
    public const string ZeroWidth = "zero\u200Bwidth\u200Djoin\uFEFF";
    public const string Emoji = "👩🏽‍💼 entrepreneuse 🇫🇷 — ‘quotes’ “double” …";
    public const string Controls = "tab\tnew\r\nline";

    /// <summary>About 100 KB of text with markup and non-ASCII characters, repeated.</summary>
    public static readonly string HundredKilobytes = string.Concat(Enumerable.Repeat("Évaluation <b>longue</b> & “texte” 💶 ", 2700));

    public static TheoryData<string> All => new()
    {
        Script, EventHandler, JavascriptLink, AttributeBreakout, Sql, Formula, RightToLeft, ZeroWidth, Emoji, Controls, HundredKilobytes,
    };

    /// <summary>Nearly 2,000 characters of the same text: as long as every field of a round file may be (organisation notes).</summary>
    public static readonly string AtTheLimit = string.Concat(Enumerable.Repeat("Évaluation <b>longue</b> & “texte” 💶 ", 50));

    /// <summary>Every hostile string within the forms' limits, for files whose import applies them (the round file).</summary>
    public static TheoryData<string> WithinFormLimits => new()
    {
        Script, EventHandler, JavascriptLink, AttributeBreakout, Sql, Formula, RightToLeft, ZeroWidth, Emoji, Controls, AtTheLimit,
    };

    /// <summary>The short ones, for fields with a length limit (names).</summary>
    public static TheoryData<string> ForNames => new()
    {
        Script, EventHandler, AttributeBreakout, Sql, Formula, RightToLeft, ZeroWidth, Emoji,
    };
}
