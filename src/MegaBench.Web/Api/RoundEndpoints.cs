using System.Globalization;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Pages.Rounds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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
        .WithDescription("A round the caller may read (a published round: anyone; otherwise the city's coordinators and the network's administrators), else 404. narrative holds the round's report sections, each in Markdown as stored (rendered and sanitised where it is shown).")
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
        .WithDescription("The round's organisations that the caller may read, in the order of the assessment sheets: stakeholder group by the framework's order, then column position. answered and statements count the organisation's answers yes, no or not determined against its group's statements. 404 when the round does not exist or the caller may not read it.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        MapWrites(routes);
        return group;
    }

    /// <summary>
    /// Starting a round, changing its status and publishing it, as the new-round, round and publish pages do: the same
    /// access (the city's coordinators and the network's administrators), the same rules and saves
    /// (<see cref="RoundInput"/>, <see cref="RoundStatusChange"/>).
    /// </summary>
    private static void MapWrites(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Rounds").WithMetadata(ApiCaller.SignedIn);

        group.MapPost("/cities/{id:int}/rounds", async Task<Results<Created<CreatedRound>, ProblemHttpResult>> (
            int id, RoundInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            if (ApiProblems.Gate(http, access, await db.CityScopeAsync(id, cancellationToken), "City", id) is { } refused)
            {
                return refused;
            }

            var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
            var choices = await RoundInput.ChoicesAsync(db, id, localizer, cancellationToken);
            var modelState = ApiForms.Check(input);
            var previous = await input.ValidateAsync(db, city, choices, modelState, "", localizer, cancellationToken);
            if (!modelState.IsValid)
            {
                return ApiProblems.Invalid(modelState);
            }

            var (round, carried) = await input.CreateAsync(db, id, previous, clock.GetUtcNow(), cancellationToken);
            var framework = await db.Frameworks.AsNoTracking().SingleAsync(f => f.Id == round.StoredFrameworkId, cancellationToken);
            return TypedResults.Created($"/api/rounds/{round.Id}", new CreatedRound(
                new RoundSummary(round.Id, round.CityId, round.Year, framework.FrameworkId, framework.Version, round.Status),
                carried is null ? null : new CarriedDto(previous!.Id, carried.Organisations, carried.Answers, carried.DroppedAnswers, carried.LeftOut)));
        })
        .WithName("CreateRound")
        .WithSummary("Start a round of a city (its coordinators and the network's administrators)")
        .WithDescription("The body is {\"year\", \"frameworkId\", \"previousRoundId\", \"copyAnswers\"}: the year (2000–2100, one round per city and year), the storedId of a framework version (GET /api/frameworks), and optionally an earlier round of the city whose organisations (and, with copyAnswers, answers, marked carried over) the new round starts with. The same rules as the new-round page; a refused field is named in 'errors'. The round starts open.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/rounds/{id:int}/status", async Task<Results<Ok<RoundSummary>, ProblemHttpResult>> (
            int id, StatusInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            var round = await db.Rounds.Include(r => r.City).Include(r => r.Framework).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (ApiProblems.Gate(http, access, round is null ? null : AccessScope.For(round), "Round", id) is { } refused)
            {
                return refused;
            }

            if (input.Status is not { } status)
            {
                return ApiProblems.InvalidField("status", "Give the new status: open, closed or published.");
            }

            return await RoundStatusChange.SetAsync(db, round!, status, cancellationToken) == RoundStatusChange.Outcome.NeedsSummary
                ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Publishing needs the summary",
                    detail: $"Publishing changes what every reader and the network's comparisons see. Read GET /api/rounds/{id}/publication, then confirm with POST /api/rounds/{id}/publication and its token.",
                    extensions: new Dictionary<string, object?> { ["field"] = "status" })
                : TypedResults.Ok(RoundSummary.From(round!));
        })
        .WithName("SetRoundStatus")
        .WithSummary("Open or close a round (its coordinators and the network's administrators)")
        .WithDescription("The body is {\"status\": \"open\" | \"closed\" | \"published\"}. Reopening a published round takes it out of the published data; publishing is refused here with 409: it goes through the publication summary and its token (GET and POST /api/rounds/{id}/publication), as on the pages.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/rounds/{id:int}/narrative/{section}", async Task<Results<Ok<NarrativeSectionDto>, ProblemHttpResult>> (
            int id, string section, NarrativeInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            var round = await db.Rounds.Include(r => r.City).Include(r => r.Narrative).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (ApiProblems.Gate(http, access, round is null ? null : AccessScope.For(round), "Round", id) is { } refused)
            {
                return refused;
            }

            if (Narrative.NarrativeSections.FromSlug(section) is not { } kind)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Section not found",
                    detail: $"'{section}' is not a section of a round's report. The sections are: {string.Join(", ", Narrative.NarrativeSections.All.Select(Narrative.NarrativeSections.Slug))}.");
            }

            var text = Narrative.NarrativeSections.Stored(input.Markdown);
            if (text.Length > TextLimits.Narrative)
            {
                return ApiProblems.InvalidField("markdown", $"The text is {text.Length} characters long; a section holds at most {TextLimits.Narrative}. Shorten it, or move part of it to another section.");
            }

            await Narrative.NarrativeSections.SaveAsync(db, round!, kind, text, cancellationToken);
            return TypedResults.Ok(new NarrativeSectionDto(kind, text));
        })
        .WithName("SaveNarrativeSection")
        .WithSummary("Write one section of a round's report in Markdown (its coordinators and the network's administrators)")
        .WithDescription("The body is {\"markdown\"}; the section is named by its slug (as in the round page's addresses, e.g. 'national-context' or 'may-share'). Stored as sent; empty or white space only clears it. It is rendered and sanitised where it is shown.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/rounds/{id:int}/publication", async Task<Results<Ok<PublicationSummaryDto>, ProblemHttpResult>> (
            int id, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            var round = await db.Rounds.AsNoTracking().Include(r => r.City).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (ApiProblems.Gate(http, access, round is null ? null : AccessScope.For(round), "Round", id) is { } refused)
            {
                return refused;
            }

            return TypedResults.Ok(PublicationSummaryDto.From(await PublicationSummary.LoadAsync(db, id, cancellationToken)));
        })
        .WithName("GetPublicationSummary")
        .WithSummary("Read what publishing a round will show, with the token that confirms it")
        .WithDescription("Coverage per group, the questionnaires not submitted or not validated, the figures that will be marked 'little data', and which published round of the city it replaces in comparisons. 'token' fingerprints all of it: POST it to /api/rounds/{id}/publication to publish.")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/rounds/{id:int}/publication", async Task<Results<Ok<RoundSummary>, ProblemHttpResult>> (
            int id, PublishInput input, MegaBenchDbContext db, AccessPolicy access, HttpContext http, CancellationToken cancellationToken) =>
        {
            var round = await db.Rounds.AsNoTracking().Include(r => r.City).Include(r => r.Framework).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (ApiProblems.Gate(http, access, round is null ? null : AccessScope.For(round), "Round", id) is { } refused)
            {
                return refused;
            }

            var summary = await PublicationSummary.LoadAsync(db, id, cancellationToken);
            return await RoundStatusChange.PublishAsync(db, summary, input.Token, cancellationToken) switch
            {
                RoundStatusChange.PublishOutcome.Published => TypedResults.Ok(RoundSummary.From(round!) with { Status = RoundStatus.Published }),
                RoundStatusChange.PublishOutcome.AlreadyPublished => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already published",
                    detail: $"Round {id} is already published. To change it, set its status to open (PUT /api/rounds/{id}/status), correct it, and publish again."),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The summary changed",
                    detail: "The round changed after the summary you confirmed was read (an answer or a questionnaire's status), or the token is not a summary's; nothing was published. 'summary' is the current summary: read it, then confirm with its token.",
                    extensions: new Dictionary<string, object?> { ["field"] = "token", ["summary"] = PublicationSummaryDto.From(summary) }),
            };
        })
        .WithName("PublishRound")
        .WithSummary("Publish a round, confirming the publication summary you read by its token")
        .WithDescription("The body is {\"token\"}: the token of GET /api/rounds/{id}/publication. 409 with the current summary in 'summary' when the round changed since; 409 when it is already published.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <param name="Markdown">The section's text in Markdown; empty or white space only clears it.</param>
    public sealed record NarrativeInput(string? Markdown);

    /// <param name="Status">open, closed or published.</param>
    public sealed record StatusInput(RoundStatus? Status);

    /// <param name="Token">The token of the publication summary read.</param>
    public sealed record PublishInput(string? Token);

    /// <param name="Carried">What the round started with from an earlier one; null when it started from nothing.</param>
    public sealed record CreatedRound(RoundSummary Round, CarriedDto? Carried);

    /// <param name="LeftOut">Organisations not carried, because the framework version no longer has their group.</param>
    /// <param name="DroppedAnswers">Answers to statements the framework version no longer has, not carried.</param>
    public sealed record CarriedDto(int FromRoundId, int Organisations, int Answers, int DroppedAnswers, IReadOnlyList<string> LeftOut);

    /// <summary>A <see cref="PublicationSummary"/>; names in the request's language.</summary>
    public sealed record PublicationSummaryDto(
        int RoundId,
        string Token,
        IReadOnlyList<PublicationSummaryDto.GroupCoverageDto> Groups,
        IReadOnlyList<PublicationSummaryDto.PendingDto> NotSubmitted,
        IReadOnlyList<PublicationSummaryDto.PendingDto> NotValidated,
        IReadOnlyList<PublicationSummaryDto.LittleDataDto> LittleData,
        PublicationSummaryDto.YearDto? Replaces,
        PublicationSummaryDto.YearDto? StaysBehind)
    {
        public sealed record GroupCoverageDto(string Code, string Name, int Organisations, int Yes, int No, int NotDetermined, int Unanswered, bool LowCoverage);

        public sealed record PendingDto(int OrganisationId, string Name, string GroupCode, QuestionnaireState State);

        /// <param name="Kind">group, theme or organisationLevel.</param>
        public sealed record LittleDataDto(PublicationSummary.FigureKind Kind, string? Label, string Name);

        public sealed record YearDto(int RoundId, int Year);

        public static PublicationSummaryDto From(PublicationSummary summary)
        {
            ArgumentNullException.ThrowIfNull(summary);
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            PendingDto Pending(PublicationSummary.Pending p) => new(p.Id, p.Name, p.Group.Code, p.State);
            return new(
                summary.Round.Id,
                summary.Token,
                [.. summary.Groups.Select(g => new GroupCoverageDto(g.Group.Code, g.Group.Name[language], g.Organisations, g.Tally.Yes, g.Tally.No, g.Tally.NotDetermined, g.Tally.Unanswered, g.LowCoverage))],
                [.. summary.NotSubmitted.Select(Pending)],
                [.. summary.NotValidated.Select(Pending)],
                [.. summary.LittleDataFigures.Select(f => new LittleDataDto(f.Kind, f.Label?[language], f.Name))],
                summary.Effect.Replaces is { } r ? new YearDto(r.Id, r.Year) : null,
                summary.Effect.StaysBehind is { } s ? new YearDto(s.Id, s.Year) : null);
        }
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
