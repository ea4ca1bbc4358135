using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

/// <summary>
/// Learning cycles in the JSON API (read only) and as files: <c>GET /api/networks/{id}/cycles</c>,
/// <c>GET /api/cycles/{id}</c>, <c>GET /api/reviews/{id}</c>, and <c>GET /cycles/{id}/export.json|csv</c>.
/// </summary>
/// <remarks>
/// The same rules as the pages: a cycle is listed and read by those who may read it (<see cref="AccessPolicy.CanRead(CycleScope)"/>);
/// a review through <see cref="Pages.Reviews.ReviewContext"/> (the parties read all of it, anyone its published
/// outcome); the cycle's files hold every review, drafts included, so they are for the network's administrators.
/// </remarks>
public static class CycleEndpoints
{
    public static IEndpointRouteBuilder MapCycleEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Learning cycles");

        api.MapGet("/networks/{id:int}/cycles", async Task<Results<Ok<List<CycleSummary>>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            if (await db.NetworkScopeAsync(id, cancellationToken) is not { } scope || !access.CanRead(scope))
            {
                return ApiProblems.NotFound("Network", id);
            }

            var cycles = await db.LearningCycles.AsNoTracking().Where(c => c.NetworkId == id)
                .Select(c => new { c.Id, c.Name, c.Status, c.CreatedAt, c.StartedAt, Cities = c.Reviews.Select(r => r.HostCityId).ToList() })
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(cycles.Where(c => access.CanRead(new CycleScope(id, c.Id, c.Cities)))
                .OrderByDescending(c => c.CreatedAt)
                .Select(c => new CycleSummary(c.Id, c.Name, c.Status, c.StartedAt, c.Cities.Count))
                .ToList());
        })
        .WithName("ListCycles")
        .WithSummary("List a network's learning cycles")
        .WithDescription("The cycles the caller may read (the network's administrators every one; a city's coordinators those their city takes part in), newest first.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/cycles/{id:int}", async Task<Results<Ok<CycleDetail>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await db.CycleScopeAsync(id, cancellationToken) is not { } scope || !access.CanRead(scope))
            {
                return ApiProblems.NotFound("Cycle", id);
            }

            var cycle = await db.LearningCycles.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
            var dashboard = await CycleDashboard.LoadAsync(db, id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
            return TypedResults.Ok(new CycleDetail(
                cycle.Id, cycle.Name, cycle.Status, cycle.StartedAt,
                new CycleDates(cycle.DeskReviewDue, cycle.VisitDue, cycle.FeedbackDue, cycle.ActionPlanDue, cycle.FollowUpDue),
                [.. dashboard.Reviews.Select(r => new CycleReview(r.ReviewId, r.Host, r.Reviewer, r.Stage, r.Due, r.Overdue, new ActionTotals(r.Actions.Planned, r.Actions.InProgress, r.Actions.Done, r.Actions.Dropped)))],
                new ActionTotals(dashboard.Actions.Planned, dashboard.Actions.InProgress, dashboard.Actions.Done, dashboard.Actions.Dropped),
                dashboard.Network is { } share ? new ImprovedShare(share.Improved, share.Compared) : null));
        })
        .WithName("GetCycle")
        .WithSummary("Read a learning cycle: its target dates, each review's stage and whether it is overdue, actions by status, and the share of linked statements improved")
        .WithDescription("For those who may read the cycle: the network's administrators, and the coordinators of a city taking part in it (404 for others). dates are the cycle's target dates per stage; each review gives its host and reviewer cities, its current stage, the stage's due date and whether it is overdue today, and its actions by status; improved is the network's share of the statements linked to actions that improved in the host cities' later rounds (null while no host city has a later round).")
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/reviews/{id:int}", async Task<Results<Ok<ReviewDetail>, ProblemHttpResult>> (int id, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            var (context, _) = await Pages.Reviews.ReviewContext.LoadAsync(db, access, id, Pages.Reviews.ReviewContext.Need.ReadOutcome, cancellationToken);
            if (context is null)
            {
                return ApiProblems.NotFound("Review", id);
            }

            var review = context.Review;
            var all = context.Rights.ReadsAll;
            var actions = await db.ReviewActions.AsNoTracking().Where(a => a.ReviewId == id).OrderBy(a => a.Id)
                .Select(a => new ReviewActionDto(a.Id, a.Title, a.Statements, a.Themes, a.Organisation!.Name, a.Deadline, a.Status))
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(new ReviewDetail(
                review.Id, review.CycleId, context.Host, context.Reviewer, [.. review.GapThemeList],
                all ? review.Briefing : null,
                review.FeedbackSubmittedAt is null && !all ? null : review.Feedback,
                review.HostResponse,
                review.PublishedAt,
                actions));
        })
        .WithName("GetReview")
        .WithSummary("Read a peer review: to its parties (both cities' coordinators, the network's administrators) with the briefing and the draft report; to anyone else only once published, with the report, the response and the action plan")
        .WithDescription("The parties to the review (both cities' coordinators and the network's administrators) get all of it: the briefing, the feedback report while it is a draft, the host's response and the action plan. Anyone else may read a review only once the host has published it, without the briefing; before that it is not found (404). Each action names its statements and themes (codes separated by spaces), the responsible organisation, its deadline and status.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/cycles/{id:int}/export.{format}", async (int id, string format, MegaBenchDbContext db, AccessPolicy access, CancellationToken cancellationToken) =>
        {
            if (format is not ("json" or "csv"))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown export format",
                    detail: $"\"{format}\" is not an export format of a cycle. Use json (the whole cycle, lossless) or csv (its actions), e.g. /cycles/{id}/export.json.");
            }

            if (await db.CycleScopeAsync(id, cancellationToken) is not { } scope || !access.CanRead(scope))
            {
                return ApiProblems.NotFound("Cycle", id);
            }

            if (!access.CanManageCycles(scope.NetworkId))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Whole cycle needed",
                    detail: "The file holds every review of the cycle, drafts included; only the network's administrators may download it. Each review's pages show its own part.");
            }

            var name = await db.LearningCycles.Where(c => c.Id == id).Select(c => c.Name).SingleAsync(cancellationToken);
            if (format == "json")
            {
                return Results.File(await CycleFile.ExportJsonAsync(db, id, cancellationToken), CycleFile.JsonContentType, CycleFile.FileName(name) + ".json");
            }

            return Results.Stream(stream => CycleFile.ExportCsvAsync(db, id, stream, cancellationToken), CycleFile.CsvContentType, CycleFile.FileName(name) + ".csv");
        })
        .WithName("ExportCycle")
        .WithTags("Learning cycles")
        .WithSummary("Download a learning cycle as JSON (the whole cycle, lossless: import gives it back byte for byte) or CSV (one row per action), for the network's administrators")
        .WithDescription("format is json (the whole cycle, every review with its drafts, lossless: importing it gives it back byte for byte) or csv (one row per action, with its review, statements, themes, deadline, status and last note); 404 for another. Only the network's administrators may download it (403 for others who may read the cycle); a cycle the caller may not read is not found (404).")
        .ProducesFile(CycleFile.JsonContentType, CycleFile.CsvContentType)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public sealed record CycleSummary(int Id, string Name, CycleStatus Status, DateTimeOffset? StartedAt, int Reviews);

    public sealed record CycleDates(DateOnly? DeskReview, DateOnly? Visit, DateOnly? Feedback, DateOnly? ActionPlan, DateOnly? FollowUp);

    public sealed record ActionTotals(int Planned, int InProgress, int Done, int Dropped);

    public sealed record ImprovedShare(int Improved, int Compared);

    public sealed record CycleReview(int Id, string Host, string Reviewer, ReviewStage Stage, DateOnly? Due, bool Overdue, ActionTotals Actions);

    public sealed record CycleDetail(int Id, string Name, CycleStatus Status, DateTimeOffset? StartedAt, CycleDates Dates, IReadOnlyList<CycleReview> Reviews, ActionTotals Actions, ImprovedShare? Improved);

    public sealed record ReviewActionDto(int Id, string Title, string Statements, string Themes, string? Responsible, DateOnly? Deadline, ActionStatus Status);

    public sealed record ReviewDetail(
        int Id, int CycleId, string Host, string Reviewer, IReadOnlyList<string> GapThemes, string? Briefing, string? Feedback, string HostResponse, DateTimeOffset? PublishedAt,
        IReadOnlyList<ReviewActionDto> Actions);
}
