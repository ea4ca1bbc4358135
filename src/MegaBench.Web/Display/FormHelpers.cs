using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MegaBench.Web.Display;

public static class FormHelpers
{
    /// <summary>"true" when the field has an error, else null so that Razor leaves out <c>aria-invalid</c>.</summary>
    public static string? AriaInvalid(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    /// <summary>Trims a typed text; an empty one becomes null.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>True for an absolute http or https address: the only links the pages will print.</summary>
    public static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
