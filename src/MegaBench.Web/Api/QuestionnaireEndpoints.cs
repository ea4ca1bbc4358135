using System.Globalization;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Web.Questionnaires;
using MegaBench.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MegaBench.Web.Api;

/// <summary>
/// The questionnaire for link holders: read it, save one answer (the page's autosave uses this), submit.
/// The link is the only credential; every request goes through <see cref="QuestionnaireLinks"/>, so an
/// invalid link answers 404 and an address that tried too many answers 429, as on the pages. Writes need
/// the antiforgery header like every API write (<see cref="ApiRequestChecks"/>); the page sends its form's
/// token, and scripts fetch one from <c>GET /api/antiforgery</c>.
/// </summary>
public static class QuestionnaireEndpoints
{
    public static RouteGroupBuilder MapQuestionnaireEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/q/{token}").WithTags("Questionnaire").WithMetadata(ApiCaller.LinkHolder);

        group.MapGet("", async Task<IResult> (string token, HttpContext context, MegaBenchDbContext db, CancellationToken cancellationToken) =>
        {
            var lookup = await QuestionnaireLinks.LookupAsync(context, db, token, cancellationToken);
            if (lookup.Link is not { } link)
            {
                return Refused(lookup.Refusal);
            }

            var (framework, stakeholders) = await Questionnaire.ReadGroupAsync(db, link.Target, cancellationToken);
            var answers = await Questionnaire.ReadAnswersAsync(db, link.Target.OrganisationId, cancellationToken);
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var progress = AnswerProgress.Of(stakeholders, answers.Values.Select(a => new Answer { IndicatorCode = a.IndicatorCode, Value = a.Value }));
            return TypedResults.Ok(new QuestionnaireDto(
                link.Target.OrganisationName,
                new QuestionnaireGroupDto(stakeholders.Code, Text(stakeholders.Name, language)),
                language,
                State(link.Target.RespondentLock),
                link.Target.SubmittedAt,
                link.ExpiresAt,
                progress.Answered,
                progress.Statements,
                [.. stakeholders.Stages.Select(stage => new StageDto(
                    stage.Stage,
                    framework.FindStage(stage.Stage) is { } info ? Text(info.Name, language) : null,
                    Text(stage.Narrative, language),
                    [.. stage.Indicators.Select(i => StatementDto.From(i.Code, Text(i.Text, language), answers.GetValueOrDefault(i.Code)))]))]));
        })
        .WithName("GetQuestionnaire")
        .WithSummary("Read the questionnaire of a link: the organisation's statements stage by stage, with the stored answers and their versions")
        .WithDescription("Texts are in the request's language (?lang=, the language cookie, then Accept-Language), falling back to the framework's source language. A statement never answered has version 0.")
        .Produces<QuestionnaireDto>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPut("/answers/{code}", async Task<IResult> (string token, string code, AnswerInput input, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (input.ExpectedVersion < 0)
            {
                // The link is still checked first, so that a bad link answers 404 whatever else is wrong. A context
                // only here: a save goes through the answer writer, and leasing one per save was a share of its cost.
                var db = context.RequestServices.GetRequiredService<MegaBenchDbContext>();
                var lookup = await QuestionnaireLinks.LookupAsync(context, db, token, cancellationToken);
                return lookup.Link is null
                    ? Refused(lookup.Refusal)
                    : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid expected version",
                        detail: "expectedVersion is the version of the answer you started from: 0 for a statement never answered, else the version the questionnaire gave you.");
            }

            // Through the answer writer: link check, version check, answer and audit row in a transaction shared with
            // the other saves waiting at that moment; the answer is sent once that transaction is committed.
            var (result, refusal) = await QuestionnaireLinks.SaveAsync(context, new LinkedAnswerSave(token, code, input.Value, input.Comment, input.Evidence, input.ExpectedVersion));
            if (result is null)
            {
                return Refused(refusal);
            }

            return result switch
            {
                AnswerSaveResult.Saved saved => TypedResults.Ok(LinkAnswerDto.From(saved.Answer)),
                AnswerSaveResult.Conflict conflict => TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Changed meanwhile",
                    detail: "Someone else saved this statement since the version you started from; nothing was saved. 'current' holds the stored answer: " +
                        "to keep yours, send it again with expectedVersion set to current.version; to take theirs, keep current.",
                    extensions: new Dictionary<string, object?> { ["current"] = LinkAnswerDto.From(conflict.Theirs) }),
                AnswerSaveResult.Locked locked => LockedProblem(locked.Reason),
                AnswerSaveResult.UnknownStatement => TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Statement not found",
                    detail: $"'{code}' is not a statement of this questionnaire. GET the questionnaire for its statement codes."),
                AnswerSaveResult.TooLong tooLong => TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: $"The {tooLong.Field} is too long",
                    detail: $"The {tooLong.Field} has {tooLong.Length} characters; shorten it to at most {tooLong.MaxLength} and save again."),
                _ => throw new InvalidOperationException($"Unexpected save result {result}."),
            };
        })
        .WithName("SaveQuestionnaireAnswer")
        .WithSummary("Save one answer of a link's questionnaire if it is still at the version you read")
        .WithDescription("409 when someone changed the statement meanwhile (the stored answer is in 'current'); 423 when the questionnaire was submitted or validated, or the round no longer collects answers. Saving the content already stored succeeds whatever the version.")
        .Produces<LinkAnswerDto>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status423Locked)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/submit", async Task<IResult> (string token, HttpContext context, MegaBenchDbContext db, CancellationToken cancellationToken) =>
        {
            var lookup = await QuestionnaireLinks.LookupAsync(context, db, token, cancellationToken);
            if (lookup.Link is not { } link)
            {
                return Refused(lookup.Refusal);
            }

            return await Questionnaire.SubmitAsync(db, link.Target.OrganisationId, link.Actor.Name, asRespondent: true, cancellationToken) is { } reason
                ? LockedProblem(reason)
                : TypedResults.Ok(new SubmittedDto(db.Clock.GetUtcNow()));
        })
        .WithName("SubmitQuestionnaire")
        .WithSummary("Submit a link's questionnaire: it becomes read-only for link holders until the coordinator reopens it")
        .WithDescription("Unanswered statements are allowed. 423 when it was already submitted or validated, or the round no longer collects answers.")
        .Produces<SubmittedDto>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status423Locked)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

        return group;
    }

    /// <summary>The answer to a link that did not open: 429 with the limiter's refusal, else 404.</summary>
    private static IResult Refused(System.Threading.RateLimiting.RateLimitLease? refusal) =>
        refusal is { } lease
            ? new TooManyAttempts(lease)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "This link is not valid",
                detail: "The questionnaire link is mistyped, expired or replaced by a newer one. Ask the coordinator who sent it for a new link.");

    private static ProblemHttpResult LockedProblem(QuestionnaireLock reason) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status423Locked,
            title: "The questionnaire is read-only",
            detail: reason switch
            {
                QuestionnaireLock.Submitted => "It was submitted. Ask the coordinator to reopen it if an answer must change.",
                QuestionnaireLock.Validated => "The coordinator validated it. Ask the coordinator to reopen it if an answer must change.",
                _ => "The round no longer collects answers. Ask the coordinator if an answer must change.",
            },
            extensions: new Dictionary<string, object?> { ["state"] = State(reason) });

    private static string State(QuestionnaireLock? reason) => reason switch
    {
        null => "open",
        QuestionnaireLock.Submitted => "submitted",
        QuestionnaireLock.Validated => "validated",
        _ => "roundClosed",
    };

    private static TextDto Text(LocalizedText text, string language)
    {
        var (value, isFallback) = text.Get(language);
        return new TextDto(isFallback ? text.SourceLanguage : language, value);
    }

    /// <summary>The 429 answer of the link limiter, as the rate-limiting middleware gives it.</summary>
    private sealed class TooManyAttempts(System.Threading.RateLimiting.RateLimitLease lease) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using (lease)
            {
                await RateLimits.WriteRejectionAsync(httpContext, lease, httpContext.RequestAborted);
            }
        }
    }

    /// <param name="Value">yes, no, notDetermined or unanswered.</param>
    /// <param name="ExpectedVersion">The version the answer was read at (0: never answered).</param>
    public sealed record AnswerInput(AnswerValue Value, string? Comment, string? Evidence, int ExpectedVersion);

    /// <summary>A text and the language it is in (the framework's source language when the requested one is missing).</summary>
    public sealed record TextDto(string Language, string Text);

    public sealed record QuestionnaireDto(
        string Organisation,
        QuestionnaireGroupDto Group,
        string Language,
        string State,
        DateTimeOffset? SubmittedAt,
        DateTimeOffset LinkExpiresAt,
        int Answered,
        int Statements,
        IReadOnlyList<StageDto> Stages);

    public sealed record QuestionnaireGroupDto(string Code, TextDto Name);

    public sealed record StageDto(int Stage, TextDto? Name, TextDto Narrative, IReadOnlyList<StatementDto> Statements);

    public sealed record StatementDto(string Code, TextDto Text, AnswerValue Value, string? Comment, string? Evidence, int Version, DateTimeOffset? UpdatedAt)
    {
        public static StatementDto From(string code, TextDto text, AnswerSnapshot? answer) =>
            new(code, text, answer?.Value ?? AnswerValue.Unanswered, answer?.Comment, answer?.Evidence, answer?.Version ?? 0, answer?.UpdatedAt);
    }

    /// <summary>An answer as link holders see it: no coordinator's note, and no names.</summary>
    public sealed record LinkAnswerDto(string Code, AnswerValue Value, string? Comment, string? Evidence, int Version, DateTimeOffset? UpdatedAt)
    {
        public static LinkAnswerDto From(AnswerSnapshot answer) =>
            new(answer.IndicatorCode, answer.Value, answer.Comment, answer.Evidence, answer.Version, answer.UpdatedAt);
    }

    public sealed record SubmittedDto(DateTimeOffset SubmittedAt);
}
