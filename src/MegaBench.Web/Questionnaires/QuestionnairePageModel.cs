using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Questionnaires;

/// <summary>
/// What the respondent's pages share: the link lookup (429 for an address that tried too many links, the same
/// plain 404 page for every link that does not work), and the organisation's framework, group and answers.
/// </summary>
public abstract class QuestionnairePageModel(MegaBenchDbContext db) : PageModel
{
    protected MegaBenchDbContext Db { get; } = db;

    /// <summary>The link's token, from the address; only ever written back into this questionnaire's own addresses.</summary>
    [FromRoute(Name = "token")]
    public string Token { get; set; } = "";

    /// <summary>True when the page shows "this link is not valid" (with status 404).</summary>
    public bool InvalidLink { get; private set; }

    public QuestionnaireLink Link { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    public StakeholderGroup Group { get; private set; } = null!;

    public string CityName { get; private set; } = "";

    public int Year { get; private set; }

    /// <summary>The stored answers by statement code.</summary>
    public Dictionary<string, AnswerSnapshot> Stored { get; private set; } = new(StringComparer.Ordinal);

    public AnswerProgress Progress => AnswerProgress.Of(Group, Stored.Values.Select(a => new Answer { IndicatorCode = a.IndicatorCode, Value = a.Value }));

    /// <summary>Why link holders may not change the answers, or null.</summary>
    public QuestionnaireLock? Lock => Link.Target.RespondentLock;

    public string PageUrl => $"/q/{Token}";

    public string ReviewUrl => $"/q/{Token}/review";

    public string ApiUrl => $"/api/q/{Token}";

    /// <summary>Looks the link up and loads the questionnaire; returns the response to give instead (404 page, 429) or null.</summary>
    protected async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var lookup = await QuestionnaireLinks.LookupAsync(HttpContext, Db, Token, cancellationToken);
        if (lookup.Refusal is { } refusal)
        {
            using (refusal)
            {
                await RateLimits.WriteRejectionAsync(HttpContext, refusal, cancellationToken);
            }

            return new EmptyResult();
        }

        if (lookup.Link is not { } link)
        {
            InvalidLink = true;
            var page = Page();
            page.StatusCode = StatusCodes.Status404NotFound;
            return page;
        }

        Link = link;
        (Framework, Group) = await Questionnaire.ReadGroupAsync(Db, link.Target, cancellationToken);
        await ReloadAnswersAsync(cancellationToken);
        var place = await Db.Rounds.AsNoTracking()
            .Where(r => r.Id == link.Target.RoundId)
            .Select(r => new { r.Year, City = r.City!.Name })
            .SingleAsync(cancellationToken);
        CityName = place.City;
        Year = place.Year;
        return null;
    }

    protected async Task ReloadAnswersAsync(CancellationToken cancellationToken) =>
        Stored = await Questionnaire.ReadAnswersAsync(Db, Link.Target.OrganisationId, cancellationToken);

    /// <summary>The statements not yet answered (yes, no or not determined), in questionnaire order.</summary>
    public IEnumerable<Indicator> Unanswered =>
        Group.Indicators.Where(i => Stored.GetValueOrDefault(i.Code)?.Value is null or AnswerValue.Unanswered);
}
