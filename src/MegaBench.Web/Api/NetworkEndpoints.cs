using MegaBench.Data;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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
            var scopes = await db.Networks.Scopes().ToDictionaryAsync(s => s.NetworkId!.Value, cancellationToken);
            var cities = await db.Cities.Scopes().ToListAsync(cancellationToken);
            return TypedResults.Ok(networks
                .Where(n => access.CanRead(scopes[n.Id]))
                .Select(n => n with { Cities = cities.Count(c => c.NetworkId == n.Id && access.CanRead(c)) })
                .ToList());
        })
        .WithName("ListNetworks")
        .WithSummary("List the networks")
        .WithDescription("Every network the caller may read, by name. A demo network (isDemo) holds only fictional cities and answers.");

        group.MapGet("/{id:int}", async Task<Results<Ok<NetworkSummary>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var scope = await db.NetworkScopeAsync(id, cancellationToken);
            if (scope is null || !access.CanRead(scope))
            {
                return ApiProblems.NotFound("Network", id);
            }

            var network = await db.Networks.AsNoTracking().SingleAsync(n => n.Id == id, cancellationToken);
            var cities = await db.Cities.Where(c => c.NetworkId == id).Scopes().ToListAsync(cancellationToken);
            return TypedResults.Ok(new NetworkSummary(network.Id, network.Name, network.Description, network.IsDemo, cities.Count(access.CanRead)));
        })
        .WithName("GetNetwork")
        .WithSummary("Get one network")
        .WithDescription("A network the caller may read (one with a published round: anyone; otherwise its administrators and its cities' coordinators), else 404. cities counts the cities the caller may read.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/cities", async Task<Results<Ok<List<CityEndpoints.CitySummary>>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var scope = await db.NetworkScopeAsync(id, cancellationToken);
            if (scope is null || !access.CanRead(scope))
            {
                return ApiProblems.NotFound("Network", id);
            }

            var cities = await db.Cities.AsNoTracking()
                .Where(c => c.NetworkId == id)
                .Include(c => c.Rounds)
                .OrderBy(c => c.Name)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(cities
                .Where(c => access.CanRead(AccessScope.For(c, c.Rounds.Any(r => r.Status == RoundStatus.Published))))
                .Select(c => new CityEndpoints.CitySummary(c.Id, c.NetworkId, c.Name, c.Country, c.Rounds.Count(r => access.CanRead(AccessScope.For(r)))))
                .ToList());
        })
        .WithName("ListNetworkCities")
        .WithSummary("List the cities of a network")
        .WithDescription("The network's cities that the caller may read, by name; rounds counts each city's rounds the caller may read. 404 when the network does not exist or the caller may not read it.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Results<Created<NetworkSummary>, ProblemHttpResult>> (
            Pages.Networks.CreateModel.NetworkInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return ApiProblems.SignInNeeded();
            }

            if (!access.CanCreateNetworks)
            {
                return ApiProblems.Refused(http, "administrators of every network");
            }

            var modelState = ApiForms.Check(input);
            await input.ValidateAsync(db, modelState, "", localizer, cancellationToken);
            if (!modelState.IsValid)
            {
                return ApiProblems.Invalid(modelState);
            }

            var network = await input.AddAsync(db, cancellationToken);
            return TypedResults.Created($"/api/networks/{network.Id}", new NetworkSummary(network.Id, network.Name, network.Description, network.IsDemo, 0));
        })
        .WithMetadata(ApiCaller.SignedIn)
        .WithName("CreateNetwork")
        .WithSummary("Create a network (administrators of every network)")
        .WithDescription("The body is {\"name\", \"description\"}; the name is required and unique, ignoring case. The same rules as the new-network page; a refused field is named in 'errors'. Then add its cities with POST /api/networks/{id}/cities.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);

        return group;
    }

    public sealed record NetworkSummary(int Id, string Name, string? Description, bool IsDemo, int Cities);
}
