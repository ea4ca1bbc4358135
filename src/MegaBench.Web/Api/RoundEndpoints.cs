using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

public static class RoundEndpoints
{
    public static RouteGroupBuilder MapRoundEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/rounds").WithTags("Rounds");

        group.MapGet("/{id:int}", async Task<Results<Ok<RoundDetail>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var round = await db.Rounds.AsNoTracking()
                .Include(r => r.City)
                .Include(r => r.Framework)
                .Include(r => r.Narrative)
                .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (round is null || !access.CanRead(AccessScope.For(round)))
            {
                return ApiProblems.NotFound("Round", id);
            }

            return TypedResults.Ok(new RoundDetail(
                round.Id,
                round.CityId,
                round.City!.Name,
                round.Year,
                round.Framework!.FrameworkId,
                round.Framework.Version,
                round.Status,
                round.CreatedAt,
                [.. round.Narrative.OrderBy(n => n.Kind).Select(n => new NarrativeSectionDto(n.Kind, n.Markdown))]));
        })
        .WithName("GetRound")
        .WithSummary("Get one round, with its narrative sections in Markdown")
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}/organisations", async Task<Results<Ok<List<OrganisationEndpoints.OrganisationSummary>>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var round = await RoundGraph.FindAsync(db, id, cancellationToken);
            if (round is null || !access.CanRead(AccessScope.For(round)))
            {
                return ApiProblems.NotFound("Round", id);
            }

            var framework = FrameworkStore.Read(round.Framework!);
            var groupOrder = framework.Groups.Select(g => g.Code).ToList();
            return TypedResults.Ok(round.Organisations
                .Where(o => access.CanRead(AccessScope.For(round) with { OrganisationId = o.Id }))
                .OrderBy(o => groupOrder.IndexOf(o.GroupCode)).ThenBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal)
                .Select(o => OrganisationEndpoints.OrganisationSummary.From(o, framework))
                .ToList());
        })
        .WithName("ListRoundOrganisations")
        .WithSummary("List the organisations of a round, by stakeholder group and sheet column order")
        .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public sealed record RoundSummary(int Id, int CityId, int Year, string FrameworkId, string FrameworkVersion, RoundStatus Status)
    {
        /// <summary>Needs the round's Framework loaded.</summary>
        public static RoundSummary From(Round round) =>
            new(round.Id, round.CityId, round.Year, round.Framework!.FrameworkId, round.Framework.Version, round.Status);
    }

    public sealed record RoundDetail(
        int Id,
        int CityId,
        string City,
        int Year,
        string FrameworkId,
        string FrameworkVersion,
        RoundStatus Status,
        DateTimeOffset CreatedAt,
        IReadOnlyList<NarrativeSectionDto> Narrative);

    public sealed record NarrativeSectionDto(NarrativeKind Kind, string Markdown);
}
