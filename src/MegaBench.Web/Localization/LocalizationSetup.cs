using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace MegaBench.Web.Localization;

/// <summary>
/// The interface language of a request: <c>?lang=fr</c>, then the cookie the language switch sets, then the
/// browser's Accept-Language, then English. Only the interface (UI) culture changes: numbers and dates are
/// formatted and parsed the same in every language, so a value typed in a form means one thing.
/// </summary>
public static class LocalizationSetup
{
    public const string QueryKey = "lang";

    public static IServiceCollection AddMegaBenchLocalization(this IServiceCollection services)
    {
        var languages = Languages.Discover(AppContext.BaseDirectory);
        services.AddSingleton(languages);
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<Translator>();
        // Pages carry French (and any language's) letters as themselves, not as &#xE9; entities; the characters
        // HTML gives a meaning to (< > & " ') are still encoded.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddOptions<RequestLocalizationOptions>().Configure<Languages>((options, languages) =>
        {
            var source = CultureInfo.GetCultureInfo(Languages.Source);
            options.DefaultRequestCulture = new RequestCulture(source, source);
            options.SupportedCultures = [source];
            options.SupportedUICultures = [.. languages.Codes.Select(code => CultureInfo.GetCultureInfo(code))];
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Sets the request's language; a supported <c>?lang=</c> also sets the cookie, so that the choice sticks.</summary>
    public static IApplicationBuilder UseMegaBenchLocalization(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        return app.Use((context, next) =>
        {
            var languages = context.RequestServices.GetRequiredService<Languages>();
            if (context.Request.Query.TryGetValue(QueryKey, out var requested) && languages.IsSupported(requested.ToString()))
            {
                SetCookie(context, requested.ToString());
            }

            return next(context);
        });
    }

    /// <summary>
    /// The address of the current page in another language, for the layout's language switch: plain links, so that
    /// the switch works without JavaScript and without a form; following one sets the cookie (see above).
    /// </summary>
    public static string LanguageLink(HttpRequest request, string language)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value);
        query[QueryKey] = language;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }

    private static void SetCookie(HttpContext context, string language) =>
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Languages.Source, language)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
            });
}
