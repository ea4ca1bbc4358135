using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Pages.Organisations;
using MegaBench.Web.Pages.Rounds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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
        .WithDescription("An organisation of a round the caller may read, else 404: its group, kind, website, notes, column position in its group's sheet, and how many of its group's statements it has answered.")
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

        MapOrganisationWrites(routes);
        MapWrites(routes);
        return group;
    }

    /// <summary>
    /// Adding and editing an organisation, as the add- and edit-organisation pages do: the same access (whoever may edit
    /// the round), the same lock on a published round, the same rules and the same save (<see cref="OrganisationInput"/>).
    /// The pages delete no organisation, and neither does the API.
    /// </summary>
    private static void MapOrganisationWrites(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Organisations").WithMetadata(ApiCaller.SignedIn);

        group.MapPost("/rounds/{id:int}/organisations", async Task<Results<Created<OrganisationSummary>, ProblemHttpResult>> (
            int id, OrganisationInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            var round = await db.Rounds.AsNoTracking().WithContext().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (ApiProblems.Gate(http, access, round is null ? null : AccessScope.For(round), "Round", id) is { } refused)
            {
                return refused;
            }

            if (OrganisationInput.IsLocked(round!))
            {
                return PublishedRoundLocked(id);
            }

            var framework = FrameworkStore.Read(round!.Framework!);
            var modelState = ApiForms.Check(input);
            await input.ValidateAsync(db, round, framework, null, modelState, localizer, cancellationToken);
            if (!modelState.IsValid)
            {
                return ApiProblems.Invalid(modelState);
            }

            var organisation = await input.AddAsync(db, round, cancellationToken);
            return TypedResults.Created($"/api/organisations/{organisation.Id}", OrganisationSummary.From(organisation, framework));
        })
        .WithName("CreateOrganisation")
        .WithSummary("Add an organisation to a round (the city's coordinators and the network's administrators)")
        .WithDescription("The body is {\"name\", \"groupCode\", \"kind\", \"website\", \"contactEmail\", \"notes\"}: a name unique in the round (ignoring case), a stakeholder group and a kind of organisation of the round's framework are required. It becomes the last column of its group's sheet. 409 when the round is published (reopen it first). The same rules as the add-organisation page; a refused field is named in 'errors'.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/organisations/{id:int}", async Task<Results<Ok<OrganisationSummary>, ProblemHttpResult>> (
            int id, OrganisationInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            var organisation = await RoundGraph.FindOrganisationAsync(db, id, cancellationToken);
            if (ApiProblems.Gate(http, access, organisation is null ? null : AccessScope.For(organisation), "Organisation", id) is { } refused)
            {
                return refused;
            }

            if (OrganisationInput.IsLocked(organisation!.Round!))
            {
                return PublishedRoundLocked(organisation.RoundId);
            }

            var framework = FrameworkStore.Read(organisation.Round!.Framework!);
            var modelState = ApiForms.Check(input);
            await input.ValidateAsync(db, organisation.Round, framework, organisation, modelState, localizer, cancellationToken);
            if (!modelState.IsValid)
            {
                return ApiProblems.Invalid(modelState);
            }

            await input.SaveAsync(db, organisation, cancellationToken);
            return TypedResults.Ok(OrganisationSummary.From(organisation, framework));
        })
        .WithName("UpdateOrganisation")
        .WithSummary("Change an organisation's name, group, kind, website, contact and notes (the city's coordinators and the network's administrators)")
        .WithDescription("The body is the whole organisation, as for adding one: fields left out are cleared. An organisation that has answered keeps its group. 409 when the round is published (reopen it first). The same rules as the edit-organisation page; a refused field is named in 'errors'.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static ProblemHttpResult PublishedRoundLocked(int roundId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The round is published",
            detail: OrganisationInput.PublishedRoundIsLocked + $" Over the API: PUT /api/rounds/{roundId}/status with \"closed\".");

    /// <summary>
    /// A coordinator's answer, as the organisation's answers page saves it: the same access, the same text rule
    /// (<see cref="AnswerText"/>), the same save against the version read (<see cref="CoordinatorAnswers"/>), and a
    /// published round's answers are not changed until it is reopened.
    /// </summary>
    private static void MapWrites(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/organisations").WithTags("Organisations").WithMetadata(ApiCaller.SignedIn);

        group.MapPut("/{id:int}/answers/{code}", async Task<Results<Ok<AnswerDto>, ProblemHttpResult>> (
            int id, string code, CoordinatorAnswerInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var organisation = await RoundGraph.FindOrganisationAsync(db, id, cancellationToken);
            if (ApiProblems.Gate(http, access, organisation is null ? null : AccessScope.For(organisation), "Organisation", id) is { } refused)
            {
                return refused;
            }

            var framework = FrameworkStore.Read(organisation!.Round!.Framework!);
            if (framework.FindGroup(organisation.GroupCode)?.Indicators.Any(i => i.Code == code) != true)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Statement not found",
                    detail: $"'{code}' is not a statement of organisation {id}'s group. GET /api/organisations/{id}/answers for its statement codes.");
            }

            if (organisation.Round.Status == RoundStatus.Published)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The round is published",
                    detail: Pages.Organisations.AnswersModel.PublishedRoundIsLocked + $" Over the API: PUT /api/rounds/{organisation.RoundId}/status with \"closed\".");
            }

            if (input.Value is not { } value)
            {
                return ApiProblems.InvalidField("value", "Give the answer: yes, no, notDetermined or unanswered.");
            }

            if (input.ExpectedVersion is not (>= 0 and var expected))
            {
                return ApiProblems.InvalidField("expectedVersion", "Give the version of the answer you started from: 0 for a statement never answered, else the version GET /api/organisations/{id}/answers gave.");
            }

            foreach (var (field, text, max) in new[] { ("comment", input.Comment, TextLimits.AnswerComment), ("evidence", input.Evidence, TextLimits.AnswerEvidence), ("coordinatorNote", input.CoordinatorNote, TextLimits.CoordinatorNote) })
            {
                if (AnswerText.OverLimit(text, max) is { } length)
                {
                    return ApiProblems.InvalidField(field, $"The {field} is {length} characters long once stored; use at most {max}.");
                }
            }

            var change = new CoordinatorAnswers.Change(code, expected, value, input.Comment, input.Evidence, input.CoordinatorNote);
            var stored = organisation.Answers.SingleOrDefault(a => a.IndicatorCode == code);
            // As on the page, a statement left as it is stored is not written, whatever the version.
            if (CoordinatorAnswers.SameAsStored(change, stored))
            {
                return TypedResults.Ok(AnswerDto.From(code, stored, withPeople: true));
            }

            var conflicts = await CoordinatorAnswers.SaveAsync(db, organisation, [change], CurrentActor.Of(http).Name, clock.GetUtcNow(), cancellationToken);
            if (conflicts.TryGetValue(code, out var theirs))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile",
                    detail: "Someone else saved this statement since the version you started from; nothing was saved. 'current' holds the stored answer: " +
                        "to keep yours, send it again with expectedVersion set to current.version; to take theirs, keep current.",
                    extensions: new Dictionary<string, object?> { ["field"] = "expectedVersion", ["current"] = AnswerDto.From(code, theirs.Version == 0 ? null : theirs, withPeople: true) });
            }

            return TypedResults.Ok(AnswerDto.From(code, organisation.Answers.Single(a => a.IndicatorCode == code), withPeople: true));
        })
        .WithName("SaveOrganisationAnswer")
        .WithSummary("Save one answer of an organisation as its coordinator enters it, if it is still at the version you read")
        .WithDescription("The body is {\"value\", \"comment\", \"evidence\", \"coordinatorNote\", \"expectedVersion\"}. 409 with the stored answer in 'current' when someone changed the statement meanwhile; 409 when the round is published (reopen it first). Sending what is stored already succeeds whatever the version. Texts are stored trimmed, with \\n line ends, in Unicode NFC.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <param name="Value">yes, no, notDetermined or unanswered.</param>
    /// <param name="ExpectedVersion">The version the answer was read at (0: never answered).</param>
    public sealed record CoordinatorAnswerInput(AnswerValue? Value, string? Comment, string? Evidence, string? CoordinatorNote, int? ExpectedVersion);

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
