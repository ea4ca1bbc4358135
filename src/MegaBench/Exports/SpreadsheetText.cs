namespace MegaBench.Exports;

/// <summary>Protection of exported cells against spreadsheet formula injection.</summary>
public static class SpreadsheetText
{
    /// <summary>
    /// Returns <paramref name="value"/> so that no spreadsheet reads it as a formula: a value starting with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe (OWASP's advice).
    /// </summary>
    /// <remarks>
    /// The apostrophe is visible in the cell: that is the price of safety, and it tells the reader the
    /// value was text. Numbers are written as numbers by the exporters, never through this function.
    /// </remarks>
    public static string Neutralise(string? value) =>
        string.IsNullOrEmpty(value) ? value ?? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>
    /// Undoes <see cref="Neutralise"/> on a text read back from a file MegaBench wrote (the offline questionnaire):
    /// an apostrophe followed by a character that <see cref="Neutralise"/> guards is dropped.
    /// </summary>
    /// <remarks>
    /// The one text this cannot restore is one that itself started with such an apostrophe (<c>'=x</c> comes back
    /// as <c>=x</c>); a person would not type that on purpose, and the value stays harmless text either way.
    /// </remarks>
    public static string? Restore(string? value) =>
        value is { Length: >= 2 } && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
