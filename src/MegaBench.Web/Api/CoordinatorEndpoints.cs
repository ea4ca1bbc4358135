using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Questionnaires;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

/// <summary>
/// The coordinator's questionnaire management over JSON: statuses of a round, an organisation's link
/// (issue, revoke), reopening and validating. The same rules as the tracking page: the city's coordinators
/// and the network's administrators only; a round or organisation the caller may not read is "not found",
/// one they may read but not manage is 403 (401 when not signed in).
/// </summary>
public static class CoordinatorEndpoints
{
    public static IEndpointRouteBuilder MapCoordinatorEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Questionnaires (coordinator)").WithMetadata(ApiCaller.SignedIn);

        group.MapGet("/rounds/{id:int}/questionnaires", async Task<Results<Ok<List<QuestionnaireStatusDto>>, ProblemHttpResult>> (
            int id, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            var round = await db.Rounds.AsNoTracking().Include(r => r.City).Include(r => r.Framework).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (round is null || !access.CanRead(AccessScope.For(round)))
            {
                return ApiProblems.NotFound("Round", id);
            }

            if (!access.CanEdit(AccessScope.For(round)))
            {
                return Refused(http);
            }

            var organisations = await Coordination.LoadAsync(db, round, FrameworkStore.Read(round.Framework!), access, cancellationToken);
            return TypedResults.Ok(organisations.Select(QuestionnaireStatusDto.From).ToList());
        })
        .WithName("ListQuestionnaireStatuses")
        .WithSummary("List every organisation of a round with its questionnaire status (coordinators)")
        .WithDescription("State is notInvited, invited, inProgress, submitted or validated; lastActivityAt is the latest answer change, submission or validation.")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/organisations/{id:int}/invitation", async Task<Results<Created<IssuedInvitationDto>, ProblemHttpResult>> (
            int id, int? expiresInDays, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (await LoadAsync(db, access, http, id, cancellationToken) is { Problem: { } problem })
            {
                return problem;
            }

            var days = expiresInDays ?? Coordination.ExpiryDays[0];
            if (days is < 1 or > 365)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Expiry out of range",
                    detail: $"expiresInDays is {days}; choose between 1 and 365 days (default {Coordination.ExpiryDays[0]}).");
            }

            var (invitation, token) = await Questionnaire.IssueInvitationAsync(db, id, db.Clock.GetUtcNow().AddDays(days), CurrentActor.Of(http).Name, cancellationToken);
            var url = Coordination.LinkUrl(http.Request, token);
            return TypedResults.Created($"/api/organisations/{id}/questionnaire", new IssuedInvitationDto(id, url, token, invitation.ExpiresAt));
        })
        .WithName("IssueInvitation")
        .WithSummary("Issue a new questionnaire link for an organisation (its previous link stops working)")
        .WithDescription("The link and its token are in this answer only: MegaBench stores a hash. expiresInDays: 1 to 365, default 30.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/organisations/{id:int}/invitation", async Task<Results<Ok<QuestionnaireStatusDto>, ProblemHttpResult>> (
            int id, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (await LoadAsync(db, access, http, id, cancellationToken) is { Problem: { } problem })
            {
                return problem;
            }

            if (!await Questionnaire.RevokeAsync(db, id, cancellationToken))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No active link",
                    detail: $"Organisation {id} has no active questionnaire link to revoke (never issued, already revoked or expired).");
            }

            return TypedResults.Ok(await StatusAsync(db, access, id, cancellationToken));
        })
        .WithName("RevokeInvitation")
        .WithSummary("Revoke an organisation's questionnaire link: it stops working at once")
        .WithDescription("For the city's coordinators and the network's administrators (401 when not signed in, 403 for other readers, 404 when the caller may not read the organisation). The answers already saved stay; issue a new link with POST to give access again. 409 when the organisation has no active link (never issued, already revoked or expired). The answer is the organisation's questionnaire status afterwards.")
        .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/organisations/{id:int}/questionnaire", async Task<Results<Ok<QuestionnaireStatusDto>, ProblemHttpResult>> (
            int id, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
            await LoadAsync(db, access, http, id, cancellationToken) is { Problem: { } problem }
                ? problem
                : TypedResults.Ok(await StatusAsync(db, access, id, cancellationToken)))
        .WithName("GetQuestionnaireStatus")
        .WithSummary("Get an organisation's questionnaire status (coordinators)")
        .WithDescription("For the city's coordinators and the network's administrators (401 when not signed in, 403 for other readers, 404 when the caller may not read the organisation). State is notInvited, invited, inProgress, submitted or validated; answered counts the statements answered of its group's; invitationExpiresAt is when the current link stops working.");

        group.MapPost("/organisations/{id:int}/questionnaire/reopen", async Task<Results<Ok<QuestionnaireStatusDto>, ProblemHttpResult>> (
            int id, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (await LoadAsync(db, access, http, id, cancellationToken) is { Problem: { } problem })
            {
                return problem;
            }

            return await Questionnaire.ReopenAsync(db, id, cancellationToken)
                ? TypedResults.Ok(await StatusAsync(db, access, id, cancellationToken))
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not submitted",
                    detail: $"The questionnaire of organisation {id} is neither submitted nor validated, so there is nothing to reopen.");
        })
        .WithName("ReopenQuestionnaire")
        .WithSummary("Reopen a submitted or validated questionnaire for its link holders")
        .WithDescription("For the city's coordinators and the network's administrators (401 when not signed in, 403 for other readers, 404 when the caller may not read the organisation). The link holders can change the answers again and submit once more; the answers are kept. 409 when the questionnaire is neither submitted nor validated. The answer is the questionnaire status afterwards.")
        .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/organisations/{id:int}/questionnaire/validate", async Task<Results<Ok<QuestionnaireStatusDto>, ProblemHttpResult>> (
            int id, string? reason, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (await LoadAsync(db, access, http, id, cancellationToken) is { Problem: { } problem })
            {
                return problem;
            }

            return await Questionnaire.ValidateAsync(db, id, CurrentActor.Of(http).Name, reason, cancellationToken) switch
            {
                ValidationOutcome.Validated => TypedResults.Ok(await StatusAsync(db, access, id, cancellationToken)),
                ValidationOutcome.ReasonTooLong => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Reason too long",
                    detail: $"The reason is {reason!.Trim().Length} characters long; at most {TextLimits.ValidationOverride} are kept. Shorten it and send it again.",
                    extensions: new Dictionary<string, object?> { ["field"] = "reason" }),
                ValidationOutcome.NotSubmitted => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not submitted",
                    detail: $"The questionnaire of organisation {id} was never submitted. Validate it after it is submitted, or give the reason for the exception in ?reason=.",
                    extensions: new Dictionary<string, object?> { ["field"] = "reason" }),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already validated",
                    detail: $"The answers of organisation {id} are already validated. Reopen the questionnaire first to validate it again."),
            };
        })
        .WithName("ValidateQuestionnaire")
        .WithSummary("Mark an organisation's answers as checked; link holders can no longer change them")
        .WithDescription("Validation follows submission. A questionnaire never submitted is validated only with `reason`, the coordinator's reason for the exception, which is audited.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status409Conflict);

        return routes;
    }

    private sealed record Loaded(Organisation? Organisation, ProblemHttpResult? Problem);

    /// <summary>The organisation, or the problem that refuses the caller: 404 when it cannot be read, else 401/403 when it cannot be managed.</summary>
    private static async Task<Loaded> LoadAsync(MegaBenchDbContext db, AccessPolicy access, HttpContext http, int id, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.Round).ThenInclude(r => r!.City)
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !access.CanRead(AccessScope.For(organisation)))
        {
            return new Loaded(null, ApiProblems.NotFound("Organisation", id));
        }

        return access.CanEdit(AccessScope.For(organisation)) ? new Loaded(organisation, null) : new Loaded(null, Refused(http));
    }

    private static ProblemHttpResult Refused(HttpContext http) => http.User.Identity?.IsAuthenticated == true
        ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
            detail: "Only the city's coordinators and the network's administrators manage its questionnaires. Ask one of them.")
        : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in needed",
            detail: "Send a personal API token ('Authorization: Bearer mbt_…', created on /account/tokens) of a coordinator of the city.");

    private static async Task<QuestionnaireStatusDto> StatusAsync(MegaBenchDbContext db, AccessPolicy access, int organisationId, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.City).Include(r => r.Framework)
            .SingleAsync(r => r.Organisations.Any(o => o.Id == organisationId), cancellationToken);
        var organisations = await Coordination.LoadAsync(db, round, FrameworkStore.Read(round.Framework!), access, cancellationToken);
        return QuestionnaireStatusDto.From(organisations.Single(o => o.Id == organisationId));
    }

    public sealed record QuestionnaireStatusDto(
        int OrganisationId,
        string Name,
        string GroupCode,
        string? ContactEmail,
        QuestionnaireState State,
        int Answered,
        int Statements,
        DateTimeOffset? LastActivityAt,
        DateTimeOffset? InvitationExpiresAt)
    {
        public static QuestionnaireStatusDto From(TrackedOrganisation organisation)
        {
            ArgumentNullException.ThrowIfNull(organisation);
            var status = organisation.Status;
            return new(organisation.Id, organisation.Name, organisation.GroupCode, organisation.ContactEmail, status.State,
                status.Progress.Answered, status.Progress.Statements, status.LastActivityAt, status.InvitationExpiresAt);
        }
    }

    /// <param name="Token">The secret: shown in this answer only.</param>
    public sealed record IssuedInvitationDto(int OrganisationId, string Url, string Token, DateTimeOffset ExpiresAt);
}
