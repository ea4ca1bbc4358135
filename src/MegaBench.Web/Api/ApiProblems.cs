using Microsoft.AspNetCore.Http.HttpResults;

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
}
