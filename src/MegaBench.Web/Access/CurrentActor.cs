using System.Security.Claims;
using MegaBench.Audit;
using MegaBench.Data;

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

    /// <summary>Makes every save of the request's database context record the request's actor.</summary>
    public static IApplicationBuilder UseCurrentActor(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var db = context.RequestServices.GetRequiredService<MegaBenchDbContext>();
            db.ActorProvider = () => Of(context);
            await next(context);
        });
}
