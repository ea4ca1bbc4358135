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
}
