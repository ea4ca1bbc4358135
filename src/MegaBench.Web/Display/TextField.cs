namespace MegaBench.Web.Display;

/// <summary>One labelled input with its error message beside it (the partial <c>_TextField</c>).</summary>
/// <param name="Name">The bound name, e.g. <c>Input.Email</c>; the id is the name with dots as underscores.</param>
public sealed record TextField(string Name, string Label, string? Value, string Type = "text", string? Autocomplete = null, string? Hint = null)
{
    public string Id => Name.Replace('.', '_');
}
