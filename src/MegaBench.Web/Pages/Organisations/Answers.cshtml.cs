using System.Globalization;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Organisations;

/// <summary>
/// The coordinator's form for an organisation's answers: every statement of its group, stage by stage.
/// </summary>
/// <remarks>
/// Two people editing the same answers never silently overwrite each other. Each statement carries the
/// version it was read at and a fingerprint of what was shown. On save:
/// <list type="bullet">
/// <item>a statement left as shown is not written, so a change someone else made meanwhile stays;</item>
/// <item>a statement changed here whose stored version moved on meanwhile is a conflict: nothing at all is
/// saved, the page shows the stored value beside the typed one, keeps what was typed, and carries the new
/// version so that saving again deliberately replaces the stored value;</item>
/// <item>every other changed statement is written with its version increased by one.</item>
/// </list>
/// </remarks>
[Authorize]
public sealed class AnswersModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>What the page says, before and on saving, about a published round's answers.</summary>
    public const string PublishedRoundIsLocked =
        "This round is published, so its answers cannot be changed. To correct one, reopen the round (set its status to Closed on the round’s page), correct the answer, and publish the round again.";

    public const int CommentMaxLength = TextLimits.AnswerComment;
    public const int EvidenceMaxLength = TextLimits.AnswerEvidence;
    public const int NoteMaxLength = TextLimits.CoordinatorNote;

    [BindProperty]
    public List<AnswerInput> Answers { get; set; } = [];

    public Organisation Organisation { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    public StakeholderGroup Group { get; private set; } = null!;

    /// <summary>The statements that someone else changed meanwhile, by indicator code, with the stored answer.</summary>
    public IReadOnlyDictionary<string, Answer> Conflicts { get; private set; } = new Dictionary<string, Answer>();

    public static IReadOnlyList<AnswerValue> Values { get; } = [AnswerValue.Yes, AnswerValue.No, AnswerValue.NotDetermined, AnswerValue.Unanswered];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var stored = Organisation.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        Answers = [.. Group.Indicators.Select(i => AnswerInput.From(i.Code, stored.GetValueOrDefault(i.Code)))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Readers, the exports and the network's comparisons read a published round: a correction goes through
        // reopening it (audited as the round's status change) and publishing it again, never silently.
        if (Organisation.Round!.Status == RoundStatus.Published)
        {
            ModelState.AddModelError(string.Empty, localizer[PublishedRoundIsLocked]);
            return Page();
        }

        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var changed = FindChanged();
        Conflicts = await CoordinatorAnswers.SaveAsync(db, Organisation,
            [.. changed.Select(i => new CoordinatorAnswers.Change(i.Code!, i.Version, i.ParsedValue!.Value, i.Comment, i.Evidence, i.CoordinatorNote))],
            CurrentActor.Of(HttpContext).Name, clock.GetUtcNow(), cancellationToken);
        if (Conflicts.Count > 0)
        {
            ReportConflicts();
            return Page();
        }

        TempData["Saved"] = changed.Count switch
        {
            0 => localizer["Nothing had changed, so nothing was saved."].Value,
            1 => localizer["1 answer of {0} was saved.", Organisation.Name].Value,
            _ => localizer["{0} answers of {1} were saved.", changed.Count, Organisation.Name].Value,
        };
        return RedirectToPage("/Organisations/Answers", new { id });
    }

    private void Validate()
    {
        // The hidden fields have no place to show a message: a damaged one is reported for the whole form.
        if (ModelState.Any(e => e.Value is { Errors.Count: > 0 } && (e.Key.EndsWith(".Version", StringComparison.Ordinal) || e.Key.EndsWith(".Code", StringComparison.Ordinal))))
        {
            ModelState.AddModelError(string.Empty, localizer["Part of the form was damaged in transit. Reload the page and enter the answers again."]);
        }

        var codes = Group.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < Answers.Count; index++)
        {
            var input = Answers[index];
            var prefix = $"Answers[{index}]";
            if (input.Code is null || !codes.Contains(input.Code) || !seen.Add(input.Code))
            {
                ModelState.AddModelError(string.Empty, localizer["The form holds a statement '{0}' that {1} does not answer (or holds it twice). Reload the page and enter the answers again.", input.Code ?? "", Organisation.Name]);
                continue;
            }

            if (input.ParsedValue is null)
            {
                ModelState.AddModelError($"{prefix}.Value", localizer["'{0}' is not an answer. Choose Yes, No, Not determined or Not answered.", input.Value ?? ""]);
            }

            Check(input.Comment, CommentMaxLength, $"{prefix}.Comment", "The comment is {0} characters long; use at most {1}.");
            Check(input.Evidence, EvidenceMaxLength, $"{prefix}.Evidence", "The evidence is {0} characters long; use at most {1}.");
            Check(input.CoordinatorNote, NoteMaxLength, $"{prefix}.CoordinatorNote", "The coordinator's note is {0} characters long; use at most {1}.");
        }

        void Check(string? text, int max, string key, string message)
        {
            if (MegaBench.Answers.AnswerText.OverLimit(text, max) is { } length)
            {
                ModelState.AddModelError(key, localizer[message, length.ToString("N0", CultureInfo.CurrentCulture), max.ToString("N0", CultureInfo.CurrentCulture)]);
            }
        }
    }

    /// <summary>The statements whose typed answer differs from what the page showed when it was loaded.</summary>
    private List<AnswerInput> FindChanged() => [.. Answers.Where(i => i.Fingerprint != AnswerInput.FingerprintOf(i.ParsedValue!.Value, i.Comment, i.Evidence, i.CoordinatorNote))];

    /// <summary>
    /// Keeps the typed answers and moves each conflicting statement to the stored version, so that saving
    /// again replaces the stored value on purpose; the rendered form reads the model, not the posted values.
    /// </summary>
    private void ReportConflicts()
    {
        foreach (var input in Answers.Where(i => Conflicts.ContainsKey(i.Code!)))
        {
            var stored = Conflicts[input.Code!];
            input.Version = stored.Version;
            input.Fingerprint = AnswerInput.FingerprintOf(stored.Value, stored.Comment, stored.Evidence, stored.CoordinatorNote);
        }

        var statements = string.Join(", ", Conflicts.Keys.Order(StringComparer.Ordinal));
        ModelState.AddModelError(string.Empty,
            Conflicts.Count == 1
                ? localizer["Someone else changed this statement while you were editing: {0}. Nothing was saved. It is marked below with the stored answer beside yours; keep yours and save again to replace it, or change yours first.", statements]
                : localizer["Someone else changed these statements while you were editing: {0}. Nothing was saved. Each is marked below with the stored answer beside yours; keep yours and save again to replace it, or change yours first.", statements]);
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var organisation = await RoundGraph.FindOrganisationAsync(db, id, cancellationToken);
        if (organisation is null || !access.CanRead(AccessScope.For(organisation)))
        {
            return NotFound();
        }

        if (!access.CanEdit(AccessScope.For(organisation)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Organisation = organisation;
        Framework = FrameworkStore.Read(organisation.Round!.Framework!);
        Group = Framework.FindGroup(organisation.GroupCode)
            ?? throw new InvalidOperationException($"Organisation {organisation.Id} is in group '{organisation.GroupCode}', which framework {Framework.Id} {Framework.Version} does not define.");
        return null;
    }

    public sealed class AnswerInput
    {
        public string? Code { get; set; }

        /// <summary>The stored version the form was read at; 0 when no answer was stored.</summary>
        public int Version { get; set; }

        /// <summary>A digest of the answer as the form showed it, to tell a changed statement from an untouched one.</summary>
        public string? Fingerprint { get; set; }

        /// <summary>The name of an <see cref="AnswerValue"/>; bound as text so that an unknown value gets a clear message.</summary>
        public string? Value { get; set; }

        public string? Comment { get; set; }

        public string? Evidence { get; set; }

        public string? CoordinatorNote { get; set; }

        public AnswerValue? ParsedValue =>
            Values.Cast<AnswerValue?>().FirstOrDefault(v => string.Equals(v.ToString(), Value, StringComparison.Ordinal));

        public static AnswerInput From(string code, Answer? answer)
        {
            var value = answer?.Value ?? AnswerValue.Unanswered;
            return new AnswerInput
            {
                Code = code,
                Version = answer?.Version ?? 0,
                Value = value.ToString(),
                Comment = answer?.Comment,
                Evidence = answer?.Evidence,
                CoordinatorNote = answer?.CoordinatorNote,
                Fingerprint = FingerprintOf(value, answer?.Comment, answer?.Evidence, answer?.CoordinatorNote),
            };
        }

        public static string FingerprintOf(AnswerValue value, string? comment, string? evidence, string? note) => AnswerFingerprint.Of(value, comment, evidence, note);

    }
}
