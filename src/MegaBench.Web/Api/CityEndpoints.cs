using MegaBench.Data;
using MegaBench.Web.Access;
using MegaBench.Web.Pages.Cities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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
        .WithDescription("A city the caller may read (one with a published round: anyone; otherwise its coordinators and the network's administrators), else 404. rounds counts the city's rounds the caller may read.")
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
        .WithDescription("The city's rounds that the caller may read (published ones for anyone; all of them for the city's coordinators and the network's administrators), oldest first, with their framework version and status. 404 when the city does not exist or the caller may not read it.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        MapWrites(routes);
        return group;
    }

    /// <summary>
    /// Adding and editing a city, as the add-city and edit-city pages do: the same access (the network's administrators
    /// add; whoever may edit the city edits), the same rules and the same save (<see cref="CityInput"/>).
    /// </summary>
    private static void MapWrites(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Cities").WithMetadata(ApiCaller.SignedIn);

        group.MapPost("/networks/{id:int}/cities", async Task<Results<Created<CitySummary>, ProblemHttpResult>> (
            int id, CityInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            if (ApiProblems.Gate(http, access, await db.NetworkScopeAsync(id, cancellationToken), "Network", id, "the network's administrators") is { } refused)
            {
                return refused;
            }

            var modelState = ApiForms.Check(input);
            await input.ValidateAsync(db, id, null, modelState, "", localizer, cancellationToken);
            if (!modelState.IsValid)
            {
                return ApiProblems.Invalid(modelState);
            }

            var city = await input.AddAsync(db, id, cancellationToken);
            return TypedResults.Created($"/api/cities/{city.Id}", new CitySummary(city.Id, city.NetworkId, city.Name, city.Country, 0));
        })
        .WithName("CreateCity")
        .WithSummary("Add a city to a network (the network's administrators)")
        .WithDescription("The body is {\"name\", \"country\"}, both required; the name is unique in the network, ignoring case. The same rules as the add-city page; a refused field is named in 'errors'.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/cities/{id:int}", async Task<Results<Ok<CitySummary>, ProblemHttpResult>> (
            int id, CityInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            if (ApiProblems.Gate(http, access, await db.CityScopeAsync(id, cancellationToken), "City", id) is { } refused)
            {
                return refused;
            }

            var city = await db.Cities.Include(c => c.Rounds).SingleAsync(c => c.Id == id, cancellationToken);
            var modelState = ApiForms.Check(input);
            await input.ValidateAsync(db, city.NetworkId, city.Id, modelState, "", localizer, cancellationToken);
            if (!modelState.IsValid)
            {
                return ApiProblems.Invalid(modelState);
            }

            await input.SaveAsync(db, city, cancellationToken);
            return TypedResults.Ok(new CitySummary(city.Id, city.NetworkId, city.Name, city.Country, city.Rounds.Count(r => access.CanRead(AccessScope.For(r)))));
        })
        .WithName("UpdateCity")
        .WithSummary("Change a city's name and country (its coordinators and the network's administrators)")
        .WithDescription("The body is {\"name\", \"country\"}, both required; the name stays unique in the network, ignoring case. The same rules as the edit-city page; a refused field is named in 'errors'.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record CitySummary(int Id, int NetworkId, string Name, string Country, int Rounds);
}
