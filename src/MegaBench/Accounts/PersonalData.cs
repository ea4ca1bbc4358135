using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MegaBench.Audit;
using MegaBench.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Accounts;

/// <summary>
/// A person's data, for their right of access and right to erasure. MegaBench's only personal data are
/// account and respondent contact details; answers are about organisations, never about persons.
/// </summary>
public static class PersonalData
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Everything held about an account, as JSON.</summary>
    public static async Task<string> ExportAsync(MegaBenchDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new { role = a.Role.ToString(), networkId = a.NetworkId, network = a.Network!.Name, cityId = a.CityId, city = a.City!.Name })
            .ToListAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt })
            .ToListAsync(cancellationToken);
        var changes = await db.AuditEntries.AsNoTracking().CountAsync(e => e.ActorId == userId, cancellationToken);
        return JsonSerializer.Serialize(
            new
            {
                account = new { user.Id, user.Email, user.DisplayName, user.CreatedAt, user.ErasedAt, user.LockoutEnd, user.AccessFailedCount },
                roles = assignments,
                apiTokens = tokens,
                recordedChanges = changes,
            },
            Json);
    }

    /// <summary>
    /// Erases an account's personal data: e-mail, name and password are replaced, tokens and roles removed,
    /// and the audit trail's actor name becomes a pseudonym. The rows stay, so the trail still tells that the
    /// same (now unnamed) person made those changes.
    /// </summary>
    /// <remarks>
    /// Every copy of the person's name goes, in the same transaction: the name or e-mail address recorded on answers
    /// (<c>UpdatedBy</c>), organisations (<c>SubmittedBy</c>, <c>ValidatedBy</c>) and questionnaire links
    /// (<c>CreatedBy</c>), and inside the audit trail's before/after JSON. What is matched: the account's current
    /// name and e-mail address and every name the audit trail recorded for it (a renamed person's old name too). A
    /// value equal to one of them becomes the pseudonym; in JSON, only whole string values are replaced, never parts
    /// of other text.
    /// </remarks>
    public static async Task<string> EraseAsync(MegaBenchDbContext db, UserManager<AppUser> users, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var pseudonym = "erased person " + Secrets.Hash(user.Id)[..8];
        var recorded = (await db.AuditEntries.Where(e => e.ActorId == userId).Select(e => e.ActorName).Distinct().ToListAsync(cancellationToken))
            .Append(user.DisplayName).Append(user.Email).Append(user.UserName)
            .Where(n => !string.IsNullOrWhiteSpace(n) && n != pseudonym)
            .Select(n => n!)
            .ToHashSet(StringComparer.Ordinal);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.Email = user.UserName = $"{user.Id}@erased.invalid";
        user.NormalizedEmail = user.NormalizedUserName = user.Email.ToUpperInvariant();
        user.DisplayName = pseudonym;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.ErasedAt = db.Clock.GetUtcNow();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        await users.UpdateSecurityStampAsync(user);

        await db.ApiTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.RoleAssignments.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.AuditEntries.Where(e => e.ActorId == userId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, pseudonym), cancellationToken);
        await db.Answers.Where(a => recorded.Contains(a.UpdatedBy!)).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedBy, pseudonym), cancellationToken);
        await db.Organisations.Where(o => recorded.Contains(o.SubmittedBy!)).ExecuteUpdateAsync(s => s.SetProperty(o => o.SubmittedBy, pseudonym), cancellationToken);
        await db.Organisations.Where(o => recorded.Contains(o.ValidatedBy!)).ExecuteUpdateAsync(s => s.SetProperty(o => o.ValidatedBy, pseudonym), cancellationToken);
        await db.Invitations.Where(i => recorded.Contains(i.CreatedBy)).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedBy, pseudonym), cancellationToken);
        await EraseFromAuditValuesAsync(db, recorded, pseudonym, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pseudonym.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Replaces, in the audit trail's before/after JSON, every string value equal to one of <paramref name="names"/>.</summary>
    private static async Task EraseFromAuditValuesAsync(MegaBenchDbContext db, IReadOnlySet<string> names, string pseudonym, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            // A JSON string holding the name contains its encoded form; the rows are then read and rewritten exactly.
            var encoded = JsonSerializer.Serialize(name, AuditRecorder.Json)[1..^1];
            var candidates = await db.AuditEntries
                .Where(e => (e.Before != null && e.Before.Contains(encoded)) || (e.After != null && e.After.Contains(encoded)))
                .ToListAsync(cancellationToken);
            foreach (var entry in candidates)
            {
                entry.Before = ReplaceValues(entry.Before, names, pseudonym);
                entry.After = ReplaceValues(entry.After, names, pseudonym);
            }
        }
    }

    private static string? ReplaceValues(string? json, IReadOnlySet<string> names, string pseudonym)
    {
        if (json is null)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        var changed = false;
        void Visit(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                    {
                        if (child is JsonValue value && value.TryGetValue<string>(out var text) && names.Contains(text))
                        {
                            obj[key] = pseudonym;
                            changed = true;
                        }
                        else
                        {
                            Visit(child);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var k = 0; k < array.Count; k++)
                    {
                        if (array[k] is JsonValue value && value.TryGetValue<string>(out var text) && names.Contains(text))
                        {
                            array[k] = pseudonym;
                            changed = true;
                        }
                        else
                        {
                            Visit(array[k]);
                        }
                    }

                    break;
            }
        }

        Visit(node);
        return changed ? node!.ToJsonString(AuditRecorder.Json) : json;
    }
}
