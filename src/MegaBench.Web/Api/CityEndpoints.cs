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
            var city = await db.Cities.AsNoTracking()
                .Where(c => c.Id == id)
                .Select(c => new CitySummary(c.Id, c.NetworkId, c.Name, c.Country, c.Rounds.Count))
                .SingleOrDefaultAsync(cancellationToken);
            return city is null || !access.CanRead(new AccessScope(city.NetworkId, city.Id))
                ? ApiProblems.NotFound("City", id)
                : TypedResults.Ok(city);
        })
        .WithName("GetCity")
        .WithSummary("Get one city")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/rounds", async Task<Results<Ok<List<RoundEndpoints.RoundSummary>>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (city is null || !access.CanRead(AccessScope.For(city)))
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
