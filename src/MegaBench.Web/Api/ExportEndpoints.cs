using System.Globalization;
using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Api;

/// <summary>
/// Downloads of a round: <c>GET /rounds/{id}/export.{csv|xlsx|docx|pdf|json}</c>, linked from the round and sheet pages.
/// </summary>
/// <remarks>
/// The same rule as the pages: a round the caller may not read is "not found". The CSV, XLSX, DOCX and PDF
/// show only the organisations the caller may read, as the sheet page does; the JSON file is the whole round,
/// lossless, so it is given only to a caller who may read every organisation of the round.
/// The CSV's header, the XLSX, DOCX and PDF come in the reader's language (<c>?lang=</c>, the language cookie, then the
/// browser's Accept-Language: <see cref="Localization.LocalizationSetup"/>), as the pages do. Anonymous readers get
/// them from the output cache (<see cref="Reports.PageCache"/>).
/// </remarks>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/rounds/{id:int}/export.{format}", async (int id, string format, MegaBenchDbContext db, AccessPolicy access,
            Reports.PdfPrinter printer, Localization.Translator translator, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (!RoundExports.TryParse(format, out var exportFormat))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown export format",
                    detail: $"\"{format}\" is not an export format. Use one of: {RoundExports.Names}, e.g. /rounds/{id}/export.xlsx.");
            }

            var round = await db.Rounds.AsNoTracking().Include(r => r.City)
                .Select(r => new
                {
                    Round = r,
                    Organisations = r.Organisations.Select(o => o.Id).ToList(),
                    Stamp = EF.Property<long>(r, ChangeStamps.Property),
                    NetworkStamp = EF.Property<long>(r.City!.Network!, ChangeStamps.Property),
                })
                .SingleOrDefaultAsync(r => r.Round.Id == id, cancellationToken);
            if (round is null || !access.CanRead(AccessScope.For(round.Round)))
            {
                return ApiProblems.NotFound("Round", id);
            }

            var scope = AccessScope.For(round.Round);
            bool Readable(int organisationId) => access.CanRead(scope with { OrganisationId = organisationId });
            var fileName = RoundExports.FileName(round.Round.City!.Name, round.Round.Year, exportFormat);
            if (exportFormat == RoundExportFormat.Json)
            {
                if (!round.Organisations.All(Readable))
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Whole round needed",
                        detail: "The JSON file holds every organisation of the round, and you may not read all of them. Download the CSV or XLSX instead.");
                }

                return Results.Stream(stream => RoundExporter.ExportAsync(db, id, stream, cancellationToken, withPeople: access.CanEdit(scope)),
                    RoundExports.ContentType(exportFormat), fileName);
            }

            async Task<RoundReport> ReportAsync(CancellationToken ct)
            {
                var report = await RoundReport.LoadAsync(db, id, o => Readable(o.Id), ct) with
                {
                    Text = translator.ForExports(),
                };
                return exportFormat is RoundExportFormat.Docx or RoundExportFormat.Pdf ? await RoundReport.CompareAsync(db, report, ct) : report;
            }

            if (exportFormat == RoundExportFormat.Pdf)
            {
                // The report is the same for every reader of the round (each may read all its organisations) and
                // compares it with its network: kept per round, both stamps and language, so a second request builds
                // nothing. Printed before the response starts, so that a failure is a proper error, not half a file.
                var documentKey = string.Create(CultureInfo.InvariantCulture, $"round/{id}/{round.Stamp}.{round.NetworkStamp}/{CultureInfo.CurrentUICulture.Name}");
                return await printer.FileAsync(documentKey, async ct => RoundHtml.Render(await ReportAsync(ct)), fileName, http, cancellationToken);
            }

            var loaded = await ReportAsync(cancellationToken);
            return Results.Stream(stream => RoundExports.WriteAsync(loaded, exportFormat, stream, chromiumPath: null, cancellationToken),
                RoundExports.ContentType(exportFormat), fileName);
        })
        // Anonymous readers of a published round get the file from the output cache, keyed on the round's and its
        // network's stamps and the language (the DOCX and PDF compare with the network), like the round's pages.
        .CacheOutput(Reports.PageCache.RoundInNetwork)
        .WithName("ExportRound")
        .WithTags("Rounds")
        .WithSummary("Download a round as CSV (long form), XLSX (assessment sheets and scores), DOCX or PDF (city report), or JSON (lossless)")
        .WithDescription("Anyone who may read the round (a published round: anyone). format is csv (one row per organisation and statement), xlsx (the assessment sheets and scores), docx or pdf (the city report, compared with its network), or json (the whole round, lossless). CSV, XLSX, DOCX and PDF hold only the organisations the caller may read, and come in the reader's language (?lang=, the language cookie, then Accept-Language). The JSON file is given only to a caller who may read every organisation of the round (403 otherwise), and names who changed each answer only for the round's editors. 404 for an unknown format or a round the caller may not read; 503 when the PDF cannot be printed now (no Chromium, busy: see Retry-After, or failed).")
        .ProducesFile(RoundExports.ContentType(RoundExportFormat.Csv),
            [.. Enum.GetValues<RoundExportFormat>().Skip(1).Select(RoundExports.ContentType)])
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }
}
