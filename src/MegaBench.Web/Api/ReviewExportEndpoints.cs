using System.Globalization;
using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Web.Access;
using MegaBench.Web.Pages.Reviews;
using MegaBench.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Api;

/// <summary>
/// Downloads of a peer review: the visit's agenda as an iCalendar file (<c>GET /reviews/{id}/visit.ics</c>) and the
/// feedback report as DOCX or PDF (<c>GET /reviews/{id}/feedback.docx|pdf</c>), linked from the visit and feedback pages.
/// </summary>
/// <remarks>
/// The same rules as the pages, through <see cref="ReviewContext.LoadAsync"/>: the agenda for the parties to the
/// review, the report for them and, once the host has published it, for everyone. The report's headings and
/// dates are in the reader's interface language (<c>?lang=fr|en</c> chooses it, as on every page).
/// </remarks>
public static class ReviewExportEndpoints
{
    public static IEndpointRouteBuilder MapReviewExportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/reviews/{id:int}/visit.ics", async (int id, MegaBenchDbContext db, AccessPolicy access, TimeProvider clock,
            IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            var (context, refused) = await ReviewContext.LoadAsync(db, access, id, ReviewContext.Need.ReadAll, cancellationToken);
            if (context is null)
            {
                return Refusal(refused, id);
            }

            var (meetings, _) = await VisitAgenda.LoadAsync(db, context.Review, cancellationToken);
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var calendar = VisitCalendar.Build(
                meetings.Select(m => new CalendarMeeting(m.Id, m.Date, m.Start, m.End, VisitAgenda.OrganisationOf(m),
                    [.. m.ThemeList.Select(code => context.Framework.FindTheme(code)?.Name[language] ?? code)], m.Participants)),
                context.Review.VisitPlace, clock.GetUtcNow(),
                localizer["Peer review visit"].Value, localizer["Themes"].Value, localizer["Participants’ roles"].Value);
            var fileName = FeedbackExport.FileName("visit", context.Host, context.Reviewer, "ics");
            return Results.File(System.Text.Encoding.UTF8.GetBytes(calendar), VisitCalendar.ContentType + "; charset=utf-8", fileName);
        })
        .WithName("ExportVisitAgenda")
        .WithTags("Reviews")
        .WithSummary("Download a peer review visit's agenda as an iCalendar file (floating local times of the host city)")
        .WithDescription("For the parties to the review only (both cities' coordinators and the network's administrators); to anyone else the review is not found (404). One event per meeting of the visit's agenda, with the organisation, the themes and the participants' roles, at the visit's place; times are floating local times of the host city. Headings are in the reader's language (?lang=).")
        .ProducesFile(VisitCalendar.ContentType)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/reviews/{id:int}/feedback.{format}", async (int id, string format, MegaBenchDbContext db, AccessPolicy access,
            PdfPrinter printer, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (format is not ("docx" or "pdf"))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown export format",
                    detail: $"\"{format}\" is not an export format of the feedback report. Use docx or pdf, e.g. /reviews/{id}/feedback.docx.");
            }

            var (context, refused) = await ReviewContext.LoadAsync(db, access, id, ReviewContext.Need.ReadOutcome, cancellationToken);
            if (context is null)
            {
                return Refusal(refused, id);
            }

            var report = Document(context);
            var fileName = FeedbackExport.FileName("feedback", context.Host, context.Reviewer, format);
            if (format == "docx")
            {
                return Results.Stream(stream => FeedbackExport.WriteDocxAsync(report, stream, cancellationToken), FeedbackExport.DocxContentType, fileName);
            }

            // Printed before the response starts, so that a failure is a proper error, not half a file.
            return await printer.FileAsync(FeedbackExport.Html(report), fileName, http, cancellationToken);
        })
        .WithName("ExportFeedbackReport")
        .WithTags("Reviews")
        .WithSummary("Download a peer review's feedback report with the host's response as DOCX or PDF, in English or French (?lang=en|fr)")
        .WithDescription("format is docx or pdf (404 for another). The parties to the review (both cities' coordinators and the network's administrators) may download it at any time; anyone else once the host has published it, and before that the review is not found (404). 503 when the PDF cannot be printed now (no Chromium, busy: see Retry-After, or failed).")
        .ProducesFile(FeedbackExport.DocxContentType, "application/pdf")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>The report as the exports show it, in the request's interface language (French or English).</summary>
    public static FeedbackDocument Document(ReviewContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var review = context.Review;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
        return new FeedbackDocument(language, context.Host, context.Reviewer, review.Cycle!.Name, review.VisitStart, review.VisitEnd,
            review.FeedbackSubmittedAt, review.PublishedAt, review.Feedback, review.HostResponse);
    }

    private static IResult Refusal(IActionResult? refused, int id) =>
        refused is StatusCodeResult { StatusCode: StatusCodes.Status403Forbidden }
            ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden")
            : ApiProblems.NotFound("Review", id);
}
