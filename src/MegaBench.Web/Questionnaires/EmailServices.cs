using MegaBench.Email;

namespace MegaBench.Web.Questionnaires;

public static class EmailServices
{
    /// <summary>E-mail from the configuration section <c>Email</c>; without <c>Email:SmtpHost</c> it is off and the pages offer links and CSV instead.</summary>
    public static IServiceCollection AddMegaBenchEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();
        services.AddSingleton(options);
        services.AddSingleton<EmailSender>();
        return services;
    }
}
