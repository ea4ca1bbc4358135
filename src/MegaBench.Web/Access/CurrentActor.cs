using System.Security.Claims;
using MegaBench.Audit;

namespace MegaBench.Web.Access;

/// <summary>
/// Who is making a request's changes, for <see cref="MegaBench.Answers.Answer.UpdatedBy"/> and the audit trail:
/// the signed-in account (its display name, else its e-mail), or "anonymous".
/// </summary>
public static class CurrentActor
{
    public const string AnonymousName = "anonymous";

    public static AuditActor Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return new AuditActor(null, AnonymousName);
        }

        var name = user.FindFirstValue(AccountClaims.DisplayName) is { Length: > 0 } displayName
            ? displayName
            : user.Identity.Name ?? id;
        return new AuditActor(id, name);
    }

    /// <summary>
    /// Makes every save of a request's database context record the request's actor, read at the save: given to
    /// <c>AddMegaBenchDatabase</c>, which sets it on each context when it is made. Outside a request (the autosave
    /// writer, start-up) the actor is the system's.
    /// </summary>
    public static Func<AuditActor> OfRequest(IServiceProvider services)
    {
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        return () => accessor.HttpContext is { } context ? Of(context) : AuditActor.System;
    }
}
