using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MegaBench.Web.Api;

/// <summary>The problem details the API answers with.</summary>
internal static class ApiProblems
{
    /// <summary>A missing object, or one the caller may not read (the two look the same on purpose).</summary>
    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: $"{what} not found",
            detail: $"There is no {what.ToLowerInvariant()} {id}, or you may not read it. List the available ones from the parent resource.");

    /// <summary>
    /// A caller who may read an object but not change it: 403 when signed in, 401 when not (the pages answer a
    /// refused write with 403 too). <paramref name="who"/> says who may, e.g. "the city's coordinators and the network's administrators".
    /// </summary>
    public static ProblemHttpResult Refused(HttpContext http, string who) => http.User.Identity?.IsAuthenticated == true
        ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
            detail: $"Only {who} may do this. Ask one of them.")
        : SignInNeeded();

    /// <summary>Who edits a city's data, as <see cref="Refused"/> names them.</summary>
    public const string CityEditors = "the city's coordinators and the network's administrators";

    /// <summary>
    /// The refusal of a write to an object of <paramref name="scope"/> (null: no such object), or null to go on, in the
    /// order the pages refuse: not signed in 401, not readable 404, readable but not editable 403.
    /// </summary>
    public static ProblemHttpResult? Gate(HttpContext http, Access.AccessPolicy access, Access.AccessScope? scope, string what, object id, string who = CityEditors)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(access);
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return SignInNeeded();
        }

        if (scope is null || !access.CanRead(scope))
        {
            return NotFound(what, id);
        }

        return access.CanEdit(scope) ? null : Refused(http, who);
    }

    public static ProblemHttpResult SignInNeeded() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in needed",
            detail: "Send a personal API token ('Authorization: Bearer mbt_…', created on /account/tokens) of a person who may do this.");

    /// <summary>
    /// The problem of a body that the form's rules refuse: 400 with <c>errors</c>, field name (camelCase, as in the
    /// JSON) → messages, and <c>field</c>, the first of them, as the project's other 400s name it.
    /// </summary>
    public static ProblemHttpResult Invalid(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        var errors = modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => JsonName(e.Key), e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray(), StringComparer.Ordinal);
        var first = errors.First();
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Some fields are not valid",
            detail: $"{first.Key}: {first.Value[0]} Correct the fields named in 'errors' and send the request again.",
            extensions: new Dictionary<string, object?> { ["errors"] = errors, ["field"] = first.Key });
    }

    /// <summary>A 400 naming one field.</summary>
    public static ProblemHttpResult InvalidField(string field, string message)
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError(field, message);
        return Invalid(modelState);
    }

    /// <summary>"Input.Name", ".Name" or "Name" → "name".</summary>
    private static string JsonName(string key)
    {
        var name = key[(key.LastIndexOf('.') + 1)..];
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>Runs a form's input class's attribute rules (required, length, range) on a JSON body, as model binding runs them for the page.</summary>
internal static class ApiForms
{
    /// <summary>Adds the input's attribute errors to <paramref name="modelState"/> under the property names; returns it.</summary>
    public static ModelStateDictionary Check(object input, ModelStateDictionary? modelState = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        modelState ??= new ModelStateDictionary();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                modelState.AddModelError(member, result.ErrorMessage ?? "The value is not valid.");
            }
        }

        return modelState;
    }
}
