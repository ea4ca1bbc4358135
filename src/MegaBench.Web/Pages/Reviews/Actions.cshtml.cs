using System.Globalization;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>
/// The host's action plan and its follow-up: anyone reads it once the review is published, the parties before; the
/// host adds, edits and deletes actions, adds dated progress notes, adopts suggested actions (the feedback report's
/// recommendations, the gap statements) and marks the plan adopted. The follow-up shows, once the host has published
/// its next round, what moved on each action's statements (<see cref="FollowUp"/>).
/// </summary>
public sealed class ActionsModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The date format of the date fields (what an &lt;input type="date"&gt; sends).</summary>
    private const string DateFormat = "yyyy-MM-dd";

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public ReviewContext Context { get; private set; } = null!;

    public Framework Framework => Context.Framework;

    public IReadOnlyList<ReviewAction> Actions { get; private set; } = [];

    /// <summary>The host round's organisations, in sheet order, with their answers.</summary>
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    /// <summary>The feedback report's recommendations not yet adopted, by their position in the report.</summary>
    public IReadOnlyList<(int Index, string Text)> Recommendations { get; private set; } = [];

    /// <summary>The gap statements no action links yet.</summary>
    public IReadOnlyList<Indicator> GapStatements { get; private set; } = [];

    /// <summary>The comparison with the host's next published round; null while there is none.</summary>
    public RoundComparison? Comparison { get; private set; }

    /// <summary>The cycle at a glance, for readers of the whole review (parties, administrators); null for others.</summary>
    public CycleDashboard? Dashboard { get; private set; }

    /// <summary>The action whose fields the form shows, when editing one.</summary>
    public ReviewAction? Editing { get; private set; }

    /// <summary>The progress note form's values and error, for the action it was posted to.</summary>
    public (int ActionId, string? Date, string? Text, string? DateError, string? TextError)? NoteForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? edit, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.ReadOutcome, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (edit is { } actionId && Context.Rights.IsHost)
        {
            Editing = Actions.FirstOrDefault(a => a.Id == actionId);
            if (Editing is null)
            {
                return NotFound();
            }

            Input = ActionInput.From(Editing);
        }

        return Page();
    }

    /// <summary>Adds an action (<see cref="ActionInput.Id"/> empty) or saves the one edited.</summary>
    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.WriteAsHost, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Input.Id is { } actionId)
        {
            Editing = Actions.FirstOrDefault(a => a.Id == actionId);
            if (Editing is null)
            {
                return NotFound();
            }
        }

        if (NotWritable())
        {
            return Page();
        }

        Input.Validate(Context, Organisations, ModelState, nameof(Input), localizer);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var action = Editing ?? new ReviewAction { Title = "", ReviewId = Context.Review.Id, CreatedAt = clock.GetUtcNow() };
        Input.ApplyTo(action);
        if (Editing is null)
        {
            db.ReviewActions.Add(action);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The action “{0}” was saved.", action.Title].Value;
        return Redirect($"/reviews/{id}/actions#action-{action.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int actionId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.WriteAsHost, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
        {
            return NotFound();
        }

        if (NotWritable())
        {
            return Page();
        }

        db.ActionProgressNotes.RemoveRange(action.Notes);
        db.ReviewActions.Remove(action);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The action “{0}” was deleted.", action.Title].Value;
        return Redirect($"/reviews/{id}/actions");
    }

    /// <summary>Adds a dated progress note to an action.</summary>
    public async Task<IActionResult> OnPostNoteAsync(int id, int actionId, string? noteDate, string? noteText, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.WriteAsHost, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
        {
            return NotFound();
        }

        if (NotWritable())
        {
            return Page();
        }

        var text = FormHelpers.Clean(noteText);
        string? dateError = null;
        string? textError = null;
        if (!DateOnly.TryParseExact(FormHelpers.Clean(noteDate), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            dateError = localizer["Enter the note’s date as a date, e.g. {0}.", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString(DateFormat, CultureInfo.InvariantCulture)].Value;
        }

        if (text is null)
        {
            textError = localizer["Write what progress the note records."].Value;
        }
        else if (text.Length > CycleRules.MarkdownMaxLength)
        {
            textError = localizer["The note is too long: use at most {0} characters.", CycleRules.MarkdownMaxLength].Value;
        }

        if (dateError is not null || textError is not null)
        {
            NoteForm = (actionId, noteDate, noteText, dateError, textError);
            ModelState.AddModelError("", localizer["The progress note of “{0}” was not added.", action.Title]);
            return Page();
        }

        action.Notes.Add(new ActionProgressNote { Date = date, Text = text!, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["A progress note was added to “{0}”.", action.Title].Value;
        return Redirect($"/reviews/{id}/actions#action-{action.Id}");
    }

    /// <summary>
    /// Adopts a suggested action: <c>recommendation:N</c> (the report's N-th recommendation, from 0) or
    /// <c>statement:CODE</c> (a gap statement). It becomes a planned action, prefilled, that the host then edits.
    /// </summary>
    public async Task<IActionResult> OnPostAdoptAsync(int id, string? suggestion, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.WriteAsHost, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (NotWritable())
        {
            return Page();
        }

        var (kind, key) = (suggestion ?? "").Split(':', 2) is [var k, var v] ? (k, v) : ("", "");
        ReviewAction? action = null;
        if (kind == "recommendation" && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && Recommendations.FirstOrDefault(r => r.Index == index) is { Text: { } text })
        {
            action = new ReviewAction { Title = ActionSuggestions.Shorten(text, ReviewAction.TitleMaxLength) };
        }
        else if (kind == "statement" && GapStatements.FirstOrDefault(s => s.Code == key) is { } statement)
        {
            var themes = statement.Themes.Where(Context.Review.GapThemeList.Contains);
            action = new ReviewAction
            {
                Title = ActionSuggestions.Shorten(statement.Text[CultureInfo.CurrentUICulture.TwoLetterISOLanguageName], ReviewAction.TitleMaxLength),
                Statements = statement.Code,
                Themes = string.Join(' ', themes),
            };
        }

        if (action is null)
        {
            ModelState.AddModelError("", localizer["That suggestion is no longer offered (it may have been adopted already, or the report changed). Choose one from the list."]);
            return Page();
        }

        action.ReviewId = Context.Review.Id;
        action.CreatedAt = clock.GetUtcNow();
        db.ReviewActions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The action “{0}” was added to the plan: complete it below.", action.Title].Value;
        return Redirect($"/reviews/{id}/actions?edit={action.Id}#action-form");
    }

    /// <summary>Marks the action plan adopted: the review moves on to its follow-up. Actions stay editable.</summary>
    public async Task<IActionResult> OnPostAdoptPlanAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.WriteAsHost, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (NotWritable())
        {
            return Page();
        }

        if (Actions.Count == 0)
        {
            ModelState.AddModelError("", localizer["The action plan has no action yet: add at least one action before adopting the plan."]);
            return Page();
        }

        Context.Review.ActionPlanDoneAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The action plan was marked adopted."].Value;
        return Redirect($"/reviews/{id}/actions");
    }

    /// <summary>The follow-up of an action (null while there is no later round).</summary>
    public ActionFollowUp? FollowUpOf(ReviewAction action) =>
        Comparison is null ? null : FollowUp.Of(action.StatementList, Comparison);

    /// <summary>The date a date field shows.</summary>
    public static string DateText(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "";

    private bool NotWritable()
    {
        if (Context.WhyNotWritable() is { } why)
        {
            ModelState.AddModelError("", localizer[why]);
            return true;
        }

        return false;
    }

    private async Task<IActionResult?> LoadAsync(int id, ReviewContext.Need need, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, need, cancellationToken);
        if (refused is not null)
        {
            // A visitor not signed in is sent to sign in rather than told "forbidden".
            return refused is StatusCodeResult { StatusCode: StatusCodes.Status403Forbidden } && User.Identity?.IsAuthenticated != true ? Challenge() : refused;
        }

        Context = context!;
        var review = Context.Review;
        Actions = await db.ReviewActions
            .Include(a => a.Notes)
            .Include(a => a.Organisation)
            .Where(a => a.ReviewId == review.Id)
            .OrderBy(a => a.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        foreach (var action in Actions)
        {
            action.Notes.Sort((x, y) => x.Date != y.Date ? x.Date.CompareTo(y.Date) : x.Id.CompareTo(y.Id));
        }

        var groupOrder = Framework.Groups.Select(g => g.Code).ToList();
        Organisations = [.. (await db.Organisations.AsNoTracking().Include(o => o.Answers).Where(o => o.RoundId == review.HostRoundId).ToListAsync(cancellationToken))
            .OrderBy(o => groupOrder.IndexOf(o.GroupCode)).ThenBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal)];

        if (Context.Rights.IsHost)
        {
            var titles = Actions.Select(a => a.Title).ToHashSet(StringComparer.Ordinal);
            var linked = Actions.SelectMany(a => a.StatementList).ToHashSet(StringComparer.Ordinal);
            Recommendations = review.FeedbackSubmittedAt is null
                ? []
                : [.. ActionSuggestions.Recommendations(review.Feedback)
                    .Select((text, index) => (index, text))
                    .Where(r => !titles.Contains(ActionSuggestions.Shorten(r.text, ReviewAction.TitleMaxLength)))];
            GapStatements = [.. ActionSuggestions.GapStatements(Framework, review.GapThemeList, Organisations).Where(s => !linked.Contains(s.Code))];
        }

        Comparison = await FollowUp.ComparisonAsync(db, review.HostRound!, cancellationToken);
        if (Context.Rights.ReadsAll)
        {
            Dashboard = await CycleDashboard.LoadAsync(db, review.CycleId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        }

        return null;
    }
}

/// <summary>The fields of the add- and edit-action form, and their rules.</summary>
public sealed class ActionInput
{
    /// <summary>The action edited; empty for a new one.</summary>
    public int? Id { get; set; }

    public string? Title { get; set; }

    public List<string> Statements { get; set; } = [];

    public List<string> Themes { get; set; } = [];

    public int? OrganisationId { get; set; }

    /// <summary>yyyy-MM-dd, as a date field sends it.</summary>
    public string? Deadline { get; set; }

    public string? Status { get; set; } = nameof(ActionStatus.Planned);

    public static ActionInput From(ReviewAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new()
        {
            Id = action.Id,
            Title = action.Title,
            Statements = [.. action.StatementList],
            Themes = [.. action.ThemeList],
            OrganisationId = action.OrganisationId,
            Deadline = ActionsModel.DateText(action.Deadline),
            Status = action.Status.ToString(),
        };
    }

    /// <summary>
    /// Trims the fields and checks them: a title, statements and themes of the host round's framework, an
    /// organisation of the host round, a date, a status. Each problem is reported at its field, naming what is wrong.
    /// </summary>
    public void Validate(ReviewContext context, IReadOnlyList<Organisation> organisations, ModelStateDictionary modelState, string prefix, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        var framework = context.Framework;
        var round = context.Review.HostRound!;
        Title = FormHelpers.Clean(Title);
        if (Title is null)
        {
            modelState.AddModelError($"{prefix}.{nameof(Title)}", localizer["Enter a title for the action, e.g. “Open a finance desk for migrant entrepreneurs”."]);
        }
        else if (Title.Length > ReviewAction.TitleMaxLength)
        {
            modelState.AddModelError($"{prefix}.{nameof(Title)}", localizer["The title is too long: use at most {0} characters.", ReviewAction.TitleMaxLength]);
        }

        Statements = [.. Statements.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
        if (Statements.FirstOrDefault(s => framework.FindIndicator(s) is null) is { } unknown)
        {
            modelState.AddModelError($"{prefix}.{nameof(Statements)}", localizer["“{0}” is not a statement of the framework of {1}’s {2} round. Tick statements from the list.", unknown, context.Host, round.Year]);
        }

        Themes = [.. Themes.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
        if (Themes.FirstOrDefault(t => framework.FindTheme(t) is null) is { } unknownTheme)
        {
            modelState.AddModelError($"{prefix}.{nameof(Themes)}", localizer["“{0}” is not a theme of the framework. Tick themes from the list.", unknownTheme]);
        }

        if (OrganisationId is { } organisationId && organisations.All(o => o.Id != organisationId))
        {
            modelState.AddModelError($"{prefix}.{nameof(OrganisationId)}", localizer["The responsible organisation must be one of {0}’s organisations in its {1} round. Choose one from the list.", context.Host, round.Year]);
        }

        Deadline = FormHelpers.Clean(Deadline);
        if (Deadline is not null && !DateOnly.TryParseExact(Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            modelState.AddModelError($"{prefix}.{nameof(Deadline)}", localizer["Enter the deadline as a date, e.g. 2026-06-30, or leave it empty."]);
        }

        if (!Enum.TryParse<ActionStatus>(Status, ignoreCase: false, out var status) || !Enum.IsDefined(status) || int.TryParse(Status, CultureInfo.InvariantCulture, out _))
        {
            modelState.AddModelError($"{prefix}.{nameof(Status)}", localizer["Choose the action’s status from the list: planned, in progress, done or dropped."]);
        }
    }

    public void ApplyTo(ReviewAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        action.Title = Title!;
        action.Statements = string.Join(' ', Statements);
        action.Themes = string.Join(' ', Themes);
        action.OrganisationId = OrganisationId;
        action.Deadline = Deadline is null ? null : DateOnly.ParseExact(Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        action.Status = Enum.Parse<ActionStatus>(Status!);
    }
}
