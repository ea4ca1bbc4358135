using System.Globalization;
using System.Runtime.CompilerServices;
using MegaBench.Data;
using MegaBench.Exports;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Audit;

/// <summary>Reading the audit trail: an object's history, and the whole trail as CSV for an administrator.</summary>
public static class AuditTrail
{
    /// <summary>The history of one object, oldest first.</summary>
    public static Task<List<AuditEntry>> HistoryAsync(MegaBenchDbContext db, string entityType, int entityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = entityId.ToString(CultureInfo.InvariantCulture);
        return db.AuditEntries.Where(e => e.EntityType == entityType && e.EntityId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    public static readonly IReadOnlyList<string> CsvHeader =
        ["id", "at", "actor_id", "actor", "action", "entity_type", "entity_id", "round_id", "before", "after"];

    /// <summary>
    /// Streams the trail as CSV, oldest first, optionally limited to some rounds' objects (a network
    /// administrator's export). Rows are read in pages, so memory stays flat however long the trail.
    /// </summary>
    public static Task WriteCsvAsync(MegaBenchDbContext db, Stream output, IReadOnlySet<int>? roundIds, CancellationToken cancellationToken = default) =>
        CsvFiles.WriteAsync(output, CsvHeader, Rows(db, roundIds, cancellationToken), cancellationToken);

    private static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(MegaBenchDbContext db, IReadOnlySet<int>? roundIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int page = 1000;
        long after = 0;
        while (true)
        {
            var query = db.AuditEntries.AsNoTracking().Where(e => e.Id > after);
            if (roundIds is not null)
            {
                var ids = roundIds.ToList();
                query = query.Where(e => e.RoundId != null && ids.Contains(e.RoundId.Value));
            }

            var batch = await query.OrderBy(e => e.Id).Take(page).ToListAsync(cancellationToken);
            foreach (var e in batch)
            {
                yield return
                [
                    e.Id.ToString(CultureInfo.InvariantCulture),
                    e.At.ToString("O", CultureInfo.InvariantCulture),
                    e.ActorId,
                    e.ActorName,
                    e.Action.ToString(),
                    e.EntityType,
                    e.EntityId,
                    e.RoundId?.ToString(CultureInfo.InvariantCulture),
                    e.Before,
                    e.After,
                ];
            }

            if (batch.Count < page)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }
}
