using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

public static class FrameworkEndpoints
{
    public static RouteGroupBuilder MapFrameworkEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/frameworks").WithTags("Frameworks");

        group.MapGet("/", async Task<Ok<List<FrameworkSummary>>> (MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            if (!access.CanRead(AccessScope.Public))
            {
                return TypedResults.Ok(new List<FrameworkSummary>());
            }

            var stored = await db.Frameworks.AsNoTracking().OrderBy(f => f.FrameworkId).ThenBy(f => f.Id).ToListAsync(cancellationToken);
            return TypedResults.Ok(stored.Select(FrameworkSummary.From).ToList());
        })
        .WithName("ListFrameworks")
        .WithSummary("List the stored framework versions")
        .WithDescription("Every framework version stored in the database, oldest first within each framework id.");

        group.MapGet("/{id}/{version}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string id, string version, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var stored = await db.Frameworks.AsNoTracking()
                .SingleOrDefaultAsync(f => f.FrameworkId == id && f.Version == version, cancellationToken);
            if (stored is null || !access.CanRead(AccessScope.Public))
            {
                return ApiProblems.NotFound("Framework version", $"{id} {version}");
            }

            // The stored canonical JSON, byte for byte: its SHA-256 is the version's content hash.
            return TypedResults.Text(stored.Definition, "application/json");
        })
        .WithName("GetFramework")
        .WithSummary("Get one framework version as canonical JSON")
        .WithDescription("The exact definition stored for this version: groups, stages, themes, scoring parameters and every indicator with its code, group, stage, text and themes.")
        .ProducesFile("application/json")
        .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <param name="StoredId">The number of this stored version: what a new round names as its frameworkId (POST /api/cities/{id}/rounds).</param>
    public sealed record FrameworkSummary(string Id, string Version, int StoredId, string Title, int Indicators, string ContentHash, DateTimeOffset StoredAt)
    {
        public static FrameworkSummary From(StoredFramework stored)
        {
            var framework = FrameworkStore.Read(stored);
            return new(stored.FrameworkId, stored.Version, stored.Id, framework.Title.Source, framework.Indicators.Count(), stored.ContentHash, stored.StoredAt);
        }
    }
}
