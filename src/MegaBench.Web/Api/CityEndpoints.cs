using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

public static class CityEndpoints
{
    public static RouteGroupBuilder MapCityEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cities").WithTags("Cities");

        group.MapGet("/{id:int}", async Task<Results<Ok<CitySummary>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var scope = await db.CityScopeAsync(id, cancellationToken);
            if (scope is null || !access.CanRead(scope))
            {
                return ApiProblems.NotFound("City", id);
            }

            var city = await db.Cities.AsNoTracking().Where(c => c.Id == id).Include(c => c.Rounds).SingleAsync(cancellationToken);
            return TypedResults.Ok(new CitySummary(city.Id, city.NetworkId, city.Name, city.Country, city.Rounds.Count(r => access.CanRead(AccessScope.For(r)))));
        })
        .WithName("GetCity")
        .WithSummary("Get one city")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/rounds", async Task<Results<Ok<List<RoundEndpoints.RoundSummary>>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var scope = await db.CityScopeAsync(id, cancellationToken);
            if (scope is null || !access.CanRead(scope))
            {
                return ApiProblems.NotFound("City", id);
            }

            var rounds = await db.Rounds.AsNoTracking()
                .Where(r => r.CityId == id)
                .Include(r => r.City)
                .Include(r => r.Framework)
                .OrderBy(r => r.Year)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(rounds.Where(r => access.CanRead(AccessScope.For(r))).Select(RoundEndpoints.RoundSummary.From).ToList());
        })
        .WithName("ListCityRounds")
        .WithSummary("List the rounds of a city, oldest first")
        .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public sealed record CitySummary(int Id, int NetworkId, string Name, string Country, int Rounds);
}
