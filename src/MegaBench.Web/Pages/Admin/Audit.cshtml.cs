using System.Globalization;
using MegaBench.Audit;
using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Admin;

/// <summary>
/// The audit trail for an administrator, as CSV: every recorded change in the rounds of the networks they
/// administer (their organisations, answers, narrative and status), or the whole trail, networks and
/// cities included, for an administrator of every network.
/// </summary>
[Authorize]
public sealed class AuditModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public bool Everything { get; private set; }

    public IReadOnlyList<string> NetworkNames { get; private set; } = [];

    public int Changes { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!access.Grants.CanReadAuditTrail)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var networks = access.Grants.AuditTrailNetworks?.ToList();
        Everything = networks is null;
        NetworkNames = networks is null
            ? []
            : await db.Networks.AsNoTracking().Where(n => networks.Contains(n.Id)).OrderBy(n => n.Name).Select(n => n.Name).ToListAsync(cancellationToken);
        var rounds = await RoundsInReachAsync(cancellationToken);
        Changes = rounds is null
            ? await db.AuditEntries.CountAsync(cancellationToken)
            : await db.AuditEntries.CountAsync(e => e.RoundId != null && rounds.Contains(e.RoundId.Value), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!access.Grants.CanReadAuditTrail)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var rounds = await RoundsInReachAsync(cancellationToken);
        var fileName = $"megabench-audit-{db.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        Response.Headers.CacheControl = "no-store";
        await AuditTrail.WriteCsvAsync(db, Response.Body, rounds?.ToHashSet(), cancellationToken);
        return new EmptyResult();
    }

    /// <summary>The rounds of the caller's networks; null for an administrator of every network (the whole trail).</summary>
    private async Task<List<int>?> RoundsInReachAsync(CancellationToken cancellationToken)
    {
        if (access.Grants.AuditTrailNetworks?.ToList() is not { } networks)
        {
            return null;
        }

        return await db.Rounds.AsNoTracking().Where(r => networks.Contains(r.City!.NetworkId)).Select(r => r.Id).ToListAsync(cancellationToken);
    }
}
