using System.Threading.RateLimiting;
using MegaBench.Data;
using MegaBench.Questionnaires;
using MegaBench.Web.Security;

namespace MegaBench.Web.Questionnaires;

/// <summary>The outcome of looking a link up: the link, or the rate limiter's refusal, or neither (not a valid link).</summary>
public readonly record struct LinkLookup(QuestionnaireLink? Link, RateLimitLease? Refusal);

/// <summary>The outcome of an autosave through a link: the save's result, or the rate limiter's refusal, or neither (not a valid link).</summary>
public readonly record struct LinkedSave(AnswerSaveResult? Result, RateLimitLease? Refusal);

/// <summary>
/// Resolves a questionnaire link for a page or an endpoint, in one way for both: refused with 429 when the
/// client address has tried too many invalid links, else looked up; a failed lookup counts against the
/// address. A valid link makes the request's saves record the link holder in the audit trail.
/// </summary>
/// <remarks>
/// The token is never written to a log here, and neither is the lookup's outcome with the address: the
/// link is a secret (see also <see cref="SecurityHeaders"/> for the Referer and caching headers).
/// </remarks>
public static class QuestionnaireLinks
{
    public static async Task<LinkLookup> LookupAsync(HttpContext context, MegaBenchDbContext db, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(db);
        var limiter = context.RequestServices.GetRequiredService<LinkLookupLimiter>();
        if (limiter.Refusal(context, token) is { } refusal)
        {
            return new LinkLookup(null, refusal);
        }

        var link = await Questionnaire.ResolveAsync(db, token, cancellationToken);
        if (link is null)
        {
            limiter.RecordFailure(context);
            return default;
        }

        limiter.RecordSuccess(context, token!);
        db.ActorProvider = () => link.Actor;
        return new LinkLookup(link, null);
    }

    /// <summary>
    /// Saves one answer through a link with the <see cref="AnswerWriter"/> (group commit), under the same rate
    /// limit as <see cref="LookupAsync"/>: the link is checked in the writer's transaction, and a failed check
    /// counts against the address.
    /// </summary>
    public static async Task<LinkedSave> SaveAsync(HttpContext context, LinkedAnswerSave save)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(save);
        var limiter = context.RequestServices.GetRequiredService<LinkLookupLimiter>();
        if (limiter.Refusal(context, save.Token) is { } refusal)
        {
            return new LinkedSave(null, refusal);
        }

        var result = await context.RequestServices.GetRequiredService<AnswerWriter>().SaveAsync(save);
        if (result is null)
        {
            limiter.RecordFailure(context);
        }

        return new LinkedSave(result, null);
    }
}
