using System.Globalization;
using MegaBench.Data;
using MegaBench.Email;
using MegaBench.Exports;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Questionnaires;

/// <summary>One organisation as the coordinator tracks it.</summary>
public sealed record TrackedOrganisation(int Id, string Name, string GroupCode, LocalizedText GroupName, string? ContactEmail, QuestionnaireStatus Status)
{
    /// <summary>Invited or in progress, not submitted: the organisations a reminder is for.</summary>
    public bool IsLaggard => Status.State is QuestionnaireState.Invited or QuestionnaireState.InProgress;
}

/// <summary>A link just issued: shown once (page, CSV, e-mail), never stored.</summary>
public sealed record IssuedLink(TrackedOrganisation Organisation, string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// What the coordinator's tracking page and the coordinator API share: reading the round's organisations with
/// their questionnaire status, issuing links, composing the invitation and reminder e-mails, and the mail-merge CSV.
/// The rules (one active link per organisation, derived status) live in the library's <see cref="Questionnaire"/>.
/// </summary>
public static class Coordination
{
    /// <summary>The expiries a coordinator chooses from, in days; the default first.</summary>
    public static IReadOnlyList<int> ExpiryDays { get; } = [30, 7, 14, 60, 90, 180];

    /// <summary>The respondent's address for a link token (the respondent pages live under <c>/q/</c>).</summary>
    public static string LinkUrl(HttpRequest request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/q/{Uri.EscapeDataString(token)}";
    }

    /// <summary>The round's organisations the caller may read, in sheet order, with their status.</summary>
    public static async Task<List<TrackedOrganisation>> LoadAsync(MegaBenchDbContext db, Round round, Framework framework, AccessPolicy access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(access);
        var statuses = await Questionnaire.StatusesAsync(db, round.Id, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.RoundId == round.Id)
            .Select(o => new { o.Id, o.Name, o.GroupCode, o.ContactEmail, o.Position })
            .ToListAsync(cancellationToken);
        var scope = AccessScope.For(round);
        var groupOrder = framework.Groups.Select((g, i) => (g.Code, i)).ToDictionary(g => g.Code, g => g.i, StringComparer.Ordinal);
        return [.. organisations
            .Where(o => access.CanRead(scope with { OrganisationId = o.Id }))
            .OrderBy(o => groupOrder.GetValueOrDefault(o.GroupCode, int.MaxValue)).ThenBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new TrackedOrganisation(o.Id, o.Name, o.GroupCode,
                framework.FindGroup(o.GroupCode)?.Name ?? LocalizedText.Of("en", o.GroupCode), o.ContactEmail, statuses[o.Id]))];
    }

    /// <summary>Issues a new link for each organisation (revoking the one it had), valid for <paramref name="days"/> days.</summary>
    public static async Task<List<IssuedLink>> IssueAsync(MegaBenchDbContext db, HttpRequest request, IEnumerable<TrackedOrganisation> organisations, int days, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organisations);
        var expiresAt = db.Clock.GetUtcNow().AddDays(days);
        var issued = new List<IssuedLink>();
        foreach (var organisation in organisations)
        {
            var (invitation, token) = await Questionnaire.IssueInvitationAsync(db, organisation.Id, expiresAt, actor, cancellationToken);
            issued.Add(new IssuedLink(organisation, LinkUrl(request, token), invitation.ExpiresAt));
        }

        return issued;
    }

    /// <summary>The invitation or reminder e-mail of one organisation, in the coordinator's interface language.</summary>
    /// <remarks>The benchmark is named by the framework's own title, in the interface language when the framework has it.</remarks>
    public static EmailMessage Message(IStringLocalizer localizer, Round round, Framework framework, IssuedLink link, bool reminder)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(link);
        var organisation = link.Organisation;
        var city = round.City?.Name ?? "";
        var expiry = link.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = reminder
            ? localizer["Reminder: the questionnaire of {0} for {1} {2}", organisation.Name, city, round.Year]
            : localizer["The questionnaire of {0} for {1} {2}", organisation.Name, city, round.Year];
        var opening = reminder
            ? localizer["This is a reminder: the questionnaire of {0} is not submitted yet ({1} of {2} statements answered). Here is a new link; the previous one no longer works.",
                organisation.Name, organisation.Status.Progress.Answered, organisation.Status.Progress.Statements]
            : localizer["{0} is taking part in the benchmark “{1}”, and invites {2} to answer its questionnaire.", city, framework.Title[CultureInfo.CurrentUICulture.TwoLetterISOLanguageName], organisation.Name];
        var body = string.Join("\n\n",
            localizer["Hello,"],
            opening,
            localizer["Open this link to answer (no account needed; colleagues may use the same link, and answers are saved as you go):"],
            link.Url,
            localizer["The link works until {0}. Submit the questionnaire when you are done.", expiry],
            localizer["Thank you."]);
        return new EmailMessage(organisation.ContactEmail ?? "", subject, body) { Tag = organisation.Id };
    }

    /// <summary>The mail-merge CSV: one row per organisation, with its new link when one was just issued.</summary>
    public static async Task<byte[]> CsvAsync(IStringLocalizer localizer, string language, IReadOnlyList<TrackedOrganisation> organisations, IReadOnlyDictionary<int, IssuedLink> links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(links);
        using var output = new MemoryStream();
        string[] header =
        [
            localizer["Organisation"], localizer["Group"], localizer["Contact e-mail"], localizer["Status"],
            localizer["Statements answered"], localizer["Statements"], localizer["Last activity"], localizer["Link"], localizer["Link expires"],
        ];
        await CsvFiles.WriteAsync(output, header, Rows(), cancellationToken);
        return output.ToArray();

        async IAsyncEnumerable<IReadOnlyList<string?>> Rows()
        {
            foreach (var organisation in organisations)
            {
                var link = links.GetValueOrDefault(organisation.Id);
                var status = organisation.Status;
                yield return
                [
                    organisation.Name,
                    organisation.GroupName[language],
                    organisation.ContactEmail,
                    localizer[StateLabel(status.State)],
                    status.Progress.Answered.ToString(CultureInfo.InvariantCulture),
                    status.Progress.Statements.ToString(CultureInfo.InvariantCulture),
                    status.LastActivityAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    link?.Url,
                    (link?.ExpiresAt ?? status.InvitationExpiresAt)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ];
                await Task.CompletedTask;
            }
        }
    }

    /// <summary>The English label of a state (a key of the shared resources).</summary>
    public static string StateLabel(QuestionnaireState state) => state switch
    {
        QuestionnaireState.NotInvited => "Not invited",
        QuestionnaireState.Invited => "Invited",
        QuestionnaireState.InProgress => "In progress",
        QuestionnaireState.Submitted => "Submitted",
        QuestionnaireState.Validated => "Validated",
        _ => state.ToString(),
    };

    /// <summary>The offline file's words in every language the app speaks, the interface's language first.</summary>
    public static List<QuestionnaireTexts> FileTexts(IStringLocalizerFactory factory, string language, IEnumerable<string> languages)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var result = new List<QuestionnaireTexts>();
        foreach (var each in languages.Prepend(language).Distinct(StringComparer.Ordinal))
        {
            var previous = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(each);
                var localizer = factory.Create(typeof(SharedResource));
                var english = QuestionnaireTexts.English;
                string L(string text) => localizer[text];
                result.Add(new QuestionnaireTexts(each, L(english.SheetName), L(english.Title), L(english.Organisation), L(english.Round), L(english.Group),
                    L(english.Instructions), L(english.Code), L(english.Stage), L(english.Statement), L(english.Answer), L(english.Comment), L(english.Evidence),
                    L(english.Yes), L(english.No), L(english.NotDetermined), L(english.ChoiceErrorTitle), L(english.ChoiceErrorMessage)));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }

        return result;
    }
}
