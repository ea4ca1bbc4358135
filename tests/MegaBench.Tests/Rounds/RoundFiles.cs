using System.Text;
using System.Text.Json.Nodes;
using MegaBench.Data;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Rounds;

/// <summary>Small helpers to export, edit and import round files in tests.</summary>
internal static class RoundFiles
{
    public static async Task<byte[]> ExportAsync(MegaBenchDbContext db, int roundId)
    {
        using var stream = new MemoryStream();
        await RoundExporter.ExportAsync(db, roundId, stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    public static async Task<Round> ImportAsync(MegaBenchDbContext db, byte[] file)
    {
        using var stream = new MemoryStream(file);
        return await RoundImporter.ImportAsync(db, stream, TestContext.Current.CancellationToken);
    }

    public static Task<Round> ImportAsync(MegaBenchDbContext db, string file) => ImportAsync(db, Encoding.UTF8.GetBytes(file));

    public static JsonObject Edit(byte[] file) => JsonNode.Parse(file)!.AsObject();

    public static async Task<RoundImportException> ImportFailsAsync(MegaBenchDbContext db, string file) =>
        await Assert.ThrowsAsync<RoundImportException>(() => ImportAsync(db, file));

    /// <summary>Rows in every table, to show that a refused import wrote nothing.</summary>
    public static async Task<string> CountRowsAsync(MegaBenchDbContext db)
    {
        var ct = TestContext.Current.CancellationToken;
        return $"frameworks {await db.Frameworks.CountAsync(ct)}, networks {await db.Networks.CountAsync(ct)}, " +
               $"cities {await db.Cities.CountAsync(ct)}, rounds {await db.Rounds.CountAsync(ct)}, " +
               $"organisations {await db.Organisations.CountAsync(ct)}, answers {await db.Answers.CountAsync(ct)}, " +
               $"narrative {await db.NarrativeSections.CountAsync(ct)}";
    }
}
