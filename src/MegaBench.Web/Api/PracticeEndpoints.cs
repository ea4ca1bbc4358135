using MegaBench.Data;
using MegaBench.Practices;
using MegaBench.Web.Access;
using MegaBench.Web.Pages.Practices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Api;

/// <summary>
/// A city's promising practices, added, edited and deleted as the practice pages do: the same access (whoever may edit the
/// city), the same rules against the city's framework (<see cref="PracticeInput.Validate"/>, <see cref="PracticeForm"/>) and the same save.
/// </summary>
public static class PracticeEndpoints
{
    public static RouteGroupBuilder MapPracticeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Practices").WithMetadata(ApiCaller.SignedIn);

        group.MapPost("/cities/{id:int}/practices", async Task<Results<Created<PracticeDto>, ProblemHttpResult>> (
            int id, PracticeInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            if (ApiProblems.Gate(http, access, await db.CityScopeAsync(id, cancellationToken), "City", id) is { } refused)
            {
                return refused;
            }

            var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
            var framework = await PracticeForm.FrameworkForAsync(db, city, cancellationToken)
                ?? throw new InvalidOperationException("No framework is stored: the app registers frameworks at start-up.");
            var modelState = ApiForms.Check(input);
            input.Validate(framework, modelState, "", localizer);
            if (!modelState.IsValid)
            {
                return ApiProblems.Invalid(modelState);
            }

            var practice = await input.AddAsync(db, id, cancellationToken);
            return TypedResults.Created($"/api/practices/{practice.Id}", PracticeDto.From(practice));
        })
        .WithName("CreatePractice")
        .WithSummary("Add a promising practice of a city (its coordinators and the network's administrators)")
        .WithDescription("The body is {\"title\", \"organisation\", \"description\", \"link\", \"language\", \"themes\"}: a title, the language of the description and at least one theme of the city's framework are required. The same rules as the add-practice page; a refused field is named in 'errors'.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/practices/{id:int}", async Task<Results<Ok<PracticeDto>, ProblemHttpResult>> (
            int id, PracticeInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            var practice = await db.Practices.Include(p => p.City).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            var scope = practice is null ? null : await db.CityScopeAsync(practice.CityId, cancellationToken);
            if (ApiProblems.Gate(http, access, scope, "Practice", id) is { } refused)
            {
                return refused;
            }

            var framework = await PracticeForm.FrameworkForAsync(db, practice!.City!, cancellationToken)
                ?? throw new InvalidOperationException("No framework is stored: the app registers frameworks at start-up.");
            var modelState = ApiForms.Check(input);
            input.Validate(framework, modelState, "", localizer);
            if (!modelState.IsValid)
            {
                return ApiProblems.Invalid(modelState);
            }

            await input.SaveAsync(db, practice, cancellationToken);
            return TypedResults.Ok(PracticeDto.From(practice));
        })
        .WithName("UpdatePractice")
        .WithSummary("Change a promising practice (the city's coordinators and the network's administrators)")
        .WithDescription("The body is the whole practice, as for adding one: fields left out are cleared. The same rules as the edit-practice page; a refused field is named in 'errors'.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/practices/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (
            int id, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            var practice = await db.Practices.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            var scope = practice is null ? null : await db.CityScopeAsync(practice.CityId, cancellationToken);
            if (ApiProblems.Gate(http, access, scope, "Practice", id) is { } refused)
            {
                return refused;
            }

            await PracticeInput.DeleteAsync(db, practice!, cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("DeletePractice")
        .WithSummary("Delete a promising practice (the city's coordinators and the network's administrators)")
        .WithDescription("As the delete button of the edit-practice page. 204 with no body.")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public sealed record PracticeDto(int Id, int CityId, string Title, string? Organisation, string Description, string? Link, string Language, IReadOnlyList<string> Themes)
    {
        public static PracticeDto From(Practice practice)
        {
            ArgumentNullException.ThrowIfNull(practice);
            return new(practice.Id, practice.CityId, practice.Title, practice.Organisation, practice.Description, practice.Link, practice.Language, [.. practice.ThemeList]);
        }
    }
}
