using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/organisations").WithTags("Organisations");

        group.MapGet("/{id:int}", async Task<Results<Ok<OrganisationSummary>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var organisation = await Load(db, id, cancellationToken);
            return organisation is null || !access.CanRead(AccessScope.For(organisation))
                ? ApiProblems.NotFound("Organisation", id)
                : TypedResults.Ok(OrganisationSummary.From(organisation, FrameworkStore.Read(organisation.Round!.Framework!)));
        })
        .WithName("GetOrganisation")
        .WithSummary("Get one organisation, with how many of its group's statements it has answered")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/answers", async Task<Results<Ok<List<AnswerDto>>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var organisation = await Load(db, id, cancellationToken);
            if (organisation is null || !access.CanRead(AccessScope.For(organisation)))
            {
                return ApiProblems.NotFound("Organisation", id);
            }

            var framework = FrameworkStore.Read(organisation.Round!.Framework!);
            var stored = organisation.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
            var indicators = framework.FindGroup(organisation.GroupCode)?.Indicators ?? [];
            // Who changed an answer is staff information: a reader outside the city's staff gets no name (published data names no member of staff).
            var withPeople = access.CanEdit(AccessScope.For(organisation));
            return TypedResults.Ok(indicators.Select(i => AnswerDto.From(i.Code, stored.GetValueOrDefault(i.Code), withPeople)).ToList());
        })
        .WithName("ListOrganisationAnswers")
        .WithSummary("List an organisation's answers, one per statement of its group in sheet order")
        .WithDescription("A statement without a stored answer is listed as unanswered with version 0.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static Task<Organisation?> Load(MegaBenchDbContext db, int id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking()
            .Include(o => o.Round).ThenInclude(r => r!.City)
            .Include(o => o.Round).ThenInclude(r => r!.Framework)
            .Include(o => o.Answers)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public sealed record OrganisationSummary(
        int Id,
        int RoundId,
        string Name,
        string GroupCode,
        string Kind,
        string? Website,
        string? Notes,
        int Position,
        int Answered,
        int Statements)
    {
        public static OrganisationSummary From(Organisation organisation, Framework framework)
        {
            var progress = AnswerProgress.Of(framework, organisation);
            return new(organisation.Id, organisation.RoundId, organisation.Name, organisation.GroupCode, organisation.Kind,
                organisation.Website, organisation.Notes, organisation.Position, progress.Answered, progress.Statements);
        }
    }

    public sealed record AnswerDto(
        string IndicatorCode,
        AnswerValue Value,
        string? Comment,
        string? Evidence,
        string? CoordinatorNote,
        string? UpdatedBy,
        DateTimeOffset? UpdatedAt,
        int Version)
    {
        public static AnswerDto From(string code, Answer? answer, bool withPeople) => answer is null
            ? new(code, AnswerValue.Unanswered, null, null, null, null, null, 0)
            : new(code, answer.Value, answer.Comment, answer.Evidence, answer.CoordinatorNote, withPeople ? answer.UpdatedBy : null, answer.UpdatedAt, answer.Version);
    }
}
