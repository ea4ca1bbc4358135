using System.Text.Json;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Organisations;

/// <summary>
/// The history of one answer, from the audit trail: when, who, and each field's value before and after.
/// Shown to those who may edit the answer (it names the people who changed it), as the answers form is.
/// </summary>
[Authorize]
public sealed class AnswerHistoryModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    /// <summary>The fields of an answer that a person changes, in the order the form shows them.</summary>
    private static readonly (string Property, string Label)[] Fields =
    [
        (nameof(Answer.Value), "Answer"),
        (nameof(Answer.Comment), "Comment"),
        (nameof(Answer.Evidence), "Evidence"),
        (nameof(Answer.CoordinatorNote), "Coordinator's note"),
    ];

    public Organisation Organisation { get; private set; } = null!;

    public Indicator Indicator { get; private set; } = null!;

    public IReadOnlyList<Change> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string code, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Include(o => o.Round).ThenInclude(r => r!.City).ThenInclude(c => c!.Network)
            .Include(o => o.Round).ThenInclude(r => r!.Framework)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !access.CanRead(AccessScope.For(organisation)))
        {
            return NotFound();
        }

        if (!access.CanEdit(AccessScope.For(organisation)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var framework = FrameworkStore.Read(organisation.Round!.Framework!);
        var indicator = framework.FindGroup(organisation.GroupCode)?.Indicators.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));
        if (indicator is null)
        {
            return NotFound();
        }

        Organisation = organisation;
        Indicator = indicator;
        var answerId = await db.Answers.Where(a => a.OrganisationId == id && a.IndicatorCode == code).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (answerId is { } answer)
        {
            var entries = await AuditTrail.HistoryAsync(db, nameof(Answer), answer, cancellationToken);
            Changes = [.. entries.Select(Change.From)];
        }

        return Page();
    }

    /// <summary>One recorded change: its time, its author, and the fields whose value differs.</summary>
    public sealed record Change(DateTimeOffset At, string Actor, AuditAction Action, IReadOnlyList<FieldChange> Fields)
    {
        public static Change From(AuditEntry entry)
        {
            var before = Read(entry.Before);
            var after = Read(entry.After);
            var fields = AnswerHistoryModel.Fields
                .Select(f => new FieldChange(f.Label, Show(f.Property, before), Show(f.Property, after), f.Property == nameof(Answer.Value)))
                .Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal))
                .ToList();
            return new Change(entry.At, entry.ActorName, entry.Action, fields);
        }

        private static Dictionary<string, JsonElement> Read(string? json) =>
            json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];

        private static string? Show(string property, Dictionary<string, JsonElement> values)
        {
            if (!values.TryGetValue(property, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                return null;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            return property == nameof(Answer.Value) && Enum.TryParse<AnswerValue>(text, out var answer) ? Labels.Answer(answer) : text;
        }
    }

    /// <param name="Label">The field's name, an English key of SharedResource.</param>
    /// <param name="IsAnswer">Before and after are answer labels (keys of SharedResource), not typed text.</param>
    public sealed record FieldChange(string Label, string? Before, string? After, bool IsAnswer);
}
