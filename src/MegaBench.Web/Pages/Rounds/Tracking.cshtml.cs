using System.Globalization;
using System.Text.Json;
using MegaBench.Data;
using MegaBench.Email;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Localization;
using MegaBench.Web.Questionnaires;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>
/// The coordinator's tracking of a round's questionnaires: each organisation's status and last activity,
/// filters, the laggards, and the actions on links, e-mails, submissions and offline files.
/// </summary>
/// <remarks>
/// Links are stored only as hashes, so a link can be shown only in the response to the request that issued it:
/// issuing shows the new links once on the page (with copy fields), or answers with the mail-merge CSV that
/// holds them, or e-mails them. Every action is a plain form post, so the page works without JavaScript.
/// </remarks>
[Authorize]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes)]
public sealed class TrackingModel(MegaBenchDbContext db, AccessPolicy access, EmailSender email, IStringLocalizer<SharedResource> localizer,
    IStringLocalizerFactory localizerFactory, Languages languages) : PageModel
{
    /// <summary>The request limit of the upload: the importer's file limit and room for the form around it.</summary>
    public const long MaxUploadBytes = 6 * 1024 * 1024;

    public Round Round { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    /// <summary>Every organisation the caller may read (for the counts and the upload list).</summary>
    public IReadOnlyList<TrackedOrganisation> All { get; private set; } = [];

    /// <summary>The organisations the filters keep.</summary>
    public IReadOnlyList<TrackedOrganisation> Shown { get; private set; } = [];

    public IReadOnlyList<TrackedOrganisation> Laggards { get; private set; } = [];

    /// <summary>A state name, "Laggards", or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>A group code, or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    public bool EmailEnabled => email.IsEnabled;

    /// <summary>The links issued by this request, shown once.</summary>
    public IReadOnlyList<IssuedLink> Issued { get; private set; } = [];

    /// <summary>The outcome of an e-mail send, per recipient.</summary>
    public IReadOnlyList<(TrackedOrganisation Organisation, EmailResult Result)> Sent { get; private set; } = [];

    /// <summary>The outcome of an upload: the organisation and the importer's report.</summary>
    public (TrackedOrganisation Organisation, ImportReport Report)? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The links the post just issued, shown once: TempData is read and gone, so a reload shows them no more.
        if (TempData[IssuedKey] is string json && JsonSerializer.Deserialize<List<IssuedLinkData>>(json) is { } links)
        {
            var byId = All.ToDictionary(o => o.Id);
            Issued = [.. links.Where(l => byId.ContainsKey(l.OrganisationId)).Select(l => new IssuedLink(byId[l.OrganisationId], l.Url, l.ExpiresAt))];
        }

        return Page();
    }

    private const string IssuedKey = "IssuedLinks";

    /// <summary>An issued link as kept between the post and the page after the redirect (in the encrypted TempData cookie, never the address).</summary>
    private sealed record IssuedLinkData(int OrganisationId, string Url, DateTimeOffset ExpiresAt);

    /// <summary>Issues links for the chosen organisations: shown on the page, or as the mail-merge CSV.</summary>
    public async Task<IActionResult> OnPostIssueAsync(int id, List<int> organisationIds, int? days, string? output, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Chosen(organisationIds, days) is not { } chosen)
        {
            return Page();
        }

        var issued = await Coordination.IssueAsync(db, Request, chosen, days!.Value, CurrentActor.Of(HttpContext).Name, cancellationToken);
        if (output == "csv")
        {
            await ReloadAsync(cancellationToken);
            var links = issued.ToDictionary(l => l.Organisation.Id);
            var refreshed = All.Where(o => links.ContainsKey(o.Id)).ToList();
            var csv = await Coordination.CsvAsync(localizer, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, refreshed, links, cancellationToken);
            return File(csv, "text/csv; charset=utf-8", $"questionnaire-links-{Slug(Round.City!.Name)}-{Round.Year}.csv");
        }

        // Post/redirect/get: reloading the page that shows the links must never issue them again (which would revoke
        // the ones just copied).
        TempData[IssuedKey] = JsonSerializer.Serialize(issued.Select(l => new IssuedLinkData(l.Organisation.Id, l.Url, l.ExpiresAt)).ToList());
        return RedirectToPage(new { id, Status, Group });
    }

    /// <summary>Issues links for the chosen organisations and e-mails them: an invitation, or a reminder.</summary>
    public Task<IActionResult> OnPostEmailAsync(int id, List<int> organisationIds, int? days, CancellationToken cancellationToken) =>
        SendAsync(id, organisationIds, days, reminder: false, cancellationToken);

    public Task<IActionResult> OnPostRemindAsync(int id, List<int> organisationIds, int? days, CancellationToken cancellationToken) =>
        SendAsync(id, organisationIds, days, reminder: true, cancellationToken);

    private async Task<IActionResult> SendAsync(int id, List<int> organisationIds, int? days, bool reminder, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!email.IsEnabled)
        {
            ModelState.AddModelError(string.Empty, localizer["E-mail is not configured on this server. Issue the links and copy them, or download the CSV for a mail merge."]);
            return Page();
        }

        if (Chosen(organisationIds, days) is not { } chosen)
        {
            return Page();
        }

        var withoutAddress = chosen.Where(o => string.IsNullOrWhiteSpace(o.ContactEmail)).ToList();
        if (withoutAddress.Count > 0)
        {
            ModelState.AddModelError(string.Empty, localizer["These organisations have no contact e-mail: {0}. Add one on the organisation's page, or leave them out and issue their links to copy.",
                string.Join(", ", withoutAddress.Select(o => o.Name))]);
            return Page();
        }

        var issued = await Coordination.IssueAsync(db, Request, chosen, days!.Value, CurrentActor.Of(HttpContext).Name, cancellationToken);
        var messages = issued.Select(link => Coordination.Message(localizer, Round, Framework, link, reminder)).ToList();
        var results = await email.SendAsync(messages, cancellationToken);
        var byId = chosen.ToDictionary(o => o.Id);
        Sent = [.. results.Select(r => (byId[(int)r.Message.Tag!], r))];
        // A link whose e-mail failed was issued all the same: show it, so that the coordinator can send it another way.
        var failed = results.Where(r => !r.Sent).Select(r => (int)r.Message.Tag!).ToHashSet();
        Issued = [.. issued.Where(l => failed.Contains(l.Organisation.Id))];
        await ReloadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Revokes the chosen organisations' links.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(int id, List<int> organisationIds, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Chosen(organisationIds, days: ExpiryDaysDefault) is not { } chosen)
        {
            return Page();
        }

        var revoked = 0;
        foreach (var organisation in chosen)
        {
            revoked += await MegaBench.Questionnaires.Questionnaire.RevokeAsync(db, organisation.Id, cancellationToken) ? 1 : 0;
        }

        TempData["Saved"] = localizer["Links revoked: {0} of {1} chosen organisations had an active link, which no longer works.", revoked, chosen.Count].Value;
        return RedirectToPage(new { id, Status, Group });
    }

    private const int ExpiryDaysDefault = 30;

    public async Task<IActionResult> OnPostReopenAsync(int id, int organisationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (All.FirstOrDefault(o => o.Id == organisationId) is not { } organisation)
        {
            return NotFound();
        }

        TempData["Saved"] = await MegaBench.Questionnaires.Questionnaire.ReopenAsync(db, organisationId, cancellationToken)
            ? localizer["The questionnaire of {0} is open again: its link holders can change the answers and submit again.", organisation.Name].Value
            : localizer["The questionnaire of {0} was not submitted, so there was nothing to reopen.", organisation.Name].Value;
        return RedirectToPage(new { id, Status, Group });
    }

    public async Task<IActionResult> OnPostValidateAsync(int id, int organisationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (All.FirstOrDefault(o => o.Id == organisationId) is not { } organisation)
        {
            return NotFound();
        }

        switch (await MegaBench.Questionnaires.Questionnaire.ValidateAsync(db, organisationId, CurrentActor.Of(HttpContext).Name, cancellationToken: cancellationToken))
        {
            case ValidationOutcome.NotSubmitted:
                // Validation follows submission; the exception has its own page, which asks for the reason.
                return RedirectToPage("/Rounds/ValidateUnsubmitted", new { id, organisationId });
            case ValidationOutcome.AlreadyValidated:
                TempData["Saved"] = localizer["The answers of {0} were already validated.", organisation.Name].Value;
                break;
            default:
                TempData["Saved"] = localizer["The answers of {0} are validated. Link holders can no longer change them; reopen the questionnaire to let them.", organisation.Name].Value;
                break;
        }

        return RedirectToPage(new { id, Status, Group });
    }

    /// <summary>The mail-merge CSV of the organisations shown (without links: those exist only when issued).</summary>
    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var csv = await Coordination.CsvAsync(localizer, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, Shown, new Dictionary<int, IssuedLink>(), cancellationToken);
        // The whole list and the reminder list (and each filter) download under names of their own.
        var filter = string.Join("-", new[] { Status == "Laggards" ? "reminders" : Status, Group }.Where(f => !string.IsNullOrEmpty(f)).Select(f => Slug(f!)));
        return File(csv, "text/csv; charset=utf-8", $"questionnaires-{Slug(Round.City!.Name)}-{Round.Year}{(filter.Length == 0 ? "" : "-" + filter)}.csv");
    }

    /// <summary>An organisation's questionnaire as an XLSX file to fill in offline.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(int id, int organisationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (All.All(o => o.Id != organisationId))
        {
            return NotFound();
        }

        var organisation = await db.Organisations.AsNoTracking()
            .Include(o => o.Round).ThenInclude(r => r!.City)
            .Include(o => o.Answers)
            .SingleAsync(o => o.Id == organisationId, cancellationToken);
        var texts = Coordination.FileTexts(localizerFactory, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, [])[0];
        using var output = new MemoryStream();
        await QuestionnaireXlsx.WriteAsync(organisation, Framework, texts, output, cancellationToken);
        return File(output.ToArray(), QuestionnaireXlsx.ContentType, QuestionnaireXlsx.FileName(organisation));
    }

    /// <summary>Imports a filled-in questionnaire file: every row checked, all applied or none.</summary>
    public async Task<IActionResult> OnPostImportAsync(int id, int? organisationId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (All.FirstOrDefault(o => o.Id == organisationId) is not { } organisation)
        {
            ModelState.AddModelError("organisationId", localizer["Choose the organisation whose questionnaire file you upload."]);
            return Page();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", localizer["Choose the filled-in questionnaire file (.xlsx) to upload."]);
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var report = await QuestionnaireImport.ImportAsync(db, organisation.Id, stream,
            Coordination.FileTexts(localizerFactory, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, SupportedLanguages()),
            CurrentActor.Of(HttpContext).Name, db.Clock.GetUtcNow(), cancellationToken: cancellationToken);
        Imported = (organisation, report);
        await ReloadAsync(cancellationToken);
        return Page();
    }

    private IEnumerable<string> SupportedLanguages() => languages.Codes;

    /// <summary>The chosen organisations among those shown to the caller, or null with a message.</summary>
    private List<TrackedOrganisation>? Chosen(List<int> organisationIds, int? days)
    {
        var chosen = All.Where(o => organisationIds.Contains(o.Id)).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(string.Empty, localizer["Choose at least one organisation in the table (its box in the first column), then the action."]);
            return null;
        }

        if (days is null || !Coordination.ExpiryDays.Contains(days.Value))
        {
            ModelState.AddModelError("days", localizer["Choose how long the links stay valid from the list."]);
            return null;
        }

        return chosen;
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().WithContext().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null || !access.CanRead(AccessScope.For(round)))
        {
            return NotFound();
        }

        if (!access.CanEdit(AccessScope.For(round)))
        {
            return User.Identity?.IsAuthenticated == true ? StatusCode(StatusCodes.Status403Forbidden) : Challenge();
        }

        Round = round;
        Framework = FrameworkStore.Read(round.Framework!);
        await ReloadAsync(cancellationToken);
        return null;
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        All = await Coordination.LoadAsync(db, Round, Framework, access, cancellationToken);
        var state = Enum.GetValues<QuestionnaireState>().Cast<QuestionnaireState?>().FirstOrDefault(s => s.ToString() == Status);
        if (state is null && Status != "Laggards")
        {
            Status = null; // An unknown filter value (an edited address) shows everything rather than nothing.
        }

        if (Group is not null && Framework.FindGroup(Group) is null)
        {
            Group = null;
        }

        Shown = [.. All.Where(o =>
            (string.IsNullOrEmpty(Group) || o.GroupCode == Group)
            && (string.IsNullOrEmpty(Status) || (Status == "Laggards" ? o.IsLaggard : o.Status.State == state)))];
        Laggards = [.. All.Where(o => o.IsLaggard).OrderBy(o => o.Status.LastActivityAt ?? DateTimeOffset.MinValue).ThenBy(o => o.Name, StringComparer.Ordinal)];
    }

    private static string Slug(string text) =>
        new string([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
}
