using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Web.Access;
using MegaBench.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MegaBench.Web.Reports;

/// <summary>
/// The charts of the report pages, as images (the pages carry the same figures as tables), with their words in the
/// reader's language, as the page that shows them.
/// </summary>
public static class ChartEndpoints
{
    public static IEndpointRouteBuilder MapChartEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/rounds/{id:int}/charts/themes.png", async Task<Results<FileContentHttpResult, NotFound>> (int id, MegaBenchDbContext db, AccessPolicy access, Translator translator, CancellationToken cancellationToken) =>
            await ReadableRounds.CompareAsync(db, access, id, cancellationToken) is { } report
                ? TypedResults.File(ThemeChart.Png(report.Scored.City.Name, report.ChartRows(translator.Language), translator.ForExports()), "image/png")
                : TypedResults.NotFound())
            .ExcludeFromDescription();

        routes.MapGet("/rounds/{id:int}/charts/themes.svg", async Task<Results<FileContentHttpResult, NotFound>> (int id, MegaBenchDbContext db, AccessPolicy access, Translator translator, CancellationToken cancellationToken) =>
            await ReadableRounds.CompareAsync(db, access, id, cancellationToken) is { } report
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ThemeChart.Svg(report.Scored.City.Name, report.ChartRows(translator.Language), translator.ForExports())), "image/svg+xml")
                : TypedResults.NotFound())
            .ExcludeFromDescription();
        return routes;
    }
}
