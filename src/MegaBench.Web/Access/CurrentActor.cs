using MegaBench.Audit;
using MegaBench.Data;

namespace MegaBench.Web.Access;

/// <summary>
/// Who is making a request's changes, for <see cref="MegaBench.Answers.Answer.UpdatedBy"/> and the audit trail.
/// Until accounts arrive every visitor acts as the coordinator; this is the one place to swap in the
/// signed-in user.
/// </summary>
public static class CurrentActor
{
    public const string CoordinatorName = "coordinator";

    public static AuditActor Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AuditActor(null, CoordinatorName);
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
