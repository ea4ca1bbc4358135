using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

public static class NetworkEndpoints
{
    public static RouteGroupBuilder MapNetworkEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/networks").WithTags("Networks");

        group.MapGet("/", async Task<Ok<List<NetworkSummary>>> (MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var networks = await db.Networks.AsNoTracking()
                .OrderBy(n => n.Name)
                .Select(n => new NetworkSummary(n.Id, n.Name, n.Description, n.IsDemo, n.Cities.Count))
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(networks.Where(n => access.CanRead(new AccessScope(n.Id))).ToList());
        })
        .WithName("ListNetworks")
        .WithSummary("List the networks")
        .WithDescription("Every network the caller may read, by name. A demo network (isDemo) holds only fictional cities and answers.");

        group.MapGet("/{id:int}", async Task<Results<Ok<NetworkSummary>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var network = await db.Networks.AsNoTracking()
                .Where(n => n.Id == id)
                .Select(n => new NetworkSummary(n.Id, n.Name, n.Description, n.IsDemo, n.Cities.Count))
                .SingleOrDefaultAsync(cancellationToken);
            return network is null || !access.CanRead(new AccessScope(network.Id))
                ? ApiProblems.NotFound("Network", id)
                : TypedResults.Ok(network);
        })
        .WithName("GetNetwork")
        .WithSummary("Get one network")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/cities", async Task<Results<Ok<List<CityEndpoints.CitySummary>>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
            if (network is null || !access.CanRead(AccessScope.For(network)))
            {
                return ApiProblems.NotFound("Network", id);
            }

            var cities = await db.Cities.AsNoTracking()
                .Where(c => c.NetworkId == id)
                .OrderBy(c => c.Name)
                .Select(c => new CityEndpoints.CitySummary(c.Id, c.NetworkId, c.Name, c.Country, c.Rounds.Count))
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(cities.Where(c => access.CanRead(new AccessScope(c.NetworkId, c.Id))).ToList());
        })
        .WithName("ListNetworkCities")
        .WithSummary("List the cities of a network")
        .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public sealed record NetworkSummary(int Id, string Name, string? Description, bool IsDemo, int Cities);
}
