using System.Text.Json;
using System.Text.Json.Serialization;
using MegaBench.Data;
using MegaBench.Web;
using MegaBench.Web.Access;
using MegaBench.Web.Api;
using MegaBench.Web.Localization;
using MegaBench.Web.Narrative;
using MegaBench.Web.OpenData;
using MegaBench.Web.Questionnaires;
using MegaBench.Web.Reports;
using MegaBench.Web.Security;
using MegaBench.Web.Startup;

var builder = WebApplication.CreateBuilder(args);

var databaseSection = builder.Configuration.GetSection(DatabaseOptions.SectionName);
builder.Services.Configure<DatabaseOptions>(databaseSection);
builder.Services.AddHttpContextAccessor();
builder.Services.AddMegaBenchDatabase(databaseSection.Get<DatabaseOptions>() ?? new DatabaseOptions(), CurrentActor.OfRequest);

// Runs before the server accepts requests: hosted services start before the web server in WebApplication.
builder.Services.AddSingleton<FrameworkFolderReport>();
builder.Services.AddHostedService<StartupInitialiser>();

builder.Services.AddSingleton(TimeProvider.System);
// Accounts: Identity, sign-in cookie, data-protection keys in the database, per-request AccessPolicy.
builder.Services.AddMegaBenchAccounts();
builder.Services.AddSingleton<SafeMarkdown>();
builder.Services.AddSingleton<MegaBench.Web.Reports.PdfPrinter>();
// Anonymous pages of published rounds and networks kept whole, keyed on change stamps read per request (Reports/PageCache).
builder.Services.AddOutputCache(PageCache.Configure);
// Questionnaires: invitations and reminders by e-mail when the section Email names an SMTP server.
builder.Services.AddMegaBenchEmail(builder.Configuration);
// Languages: English and each Resources/SharedResource.xx.resx; the request's language from ?lang, cookie, browser.
builder.Services.AddMegaBenchLocalization();
// Hardening: rate limits on secrets (section RateLimits), personal API tokens on the JSON API.
builder.Services.AddMegaBenchRateLimits(builder.Configuration);
// Behind a reverse proxy: the visitor's address from X-Forwarded-For of known proxies (section ForwardedHeaders).
builder.Services.AddMegaBenchProxyForwarding(builder.Configuration);
builder.Services.AddMegaBenchTransportSecurity(builder.Configuration);
// Questionnaire links: failed lookups are counted per address (RateLimits:LinkFailurePermitLimit).
builder.Services.AddLinkLookupLimiter();
builder.Services.AddApiTokenAuthentication();
builder.Services.AddRazorPages()
    .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
// Messages for values that cannot even be converted (e.g. "abc" as a year), shown next to the field in the
// reader's language: the accessors run per request, so the localizer answers in that request's culture.
builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>((options, text) =>
{
    var provider = options.ModelBindingMessageProvider;
    provider.SetAttemptedValueIsInvalidAccessor((value, field) => text["'{0}' is not a valid {1}. Correct it and save again.", value, field]);
    provider.SetValueMustBeANumberAccessor(field => text["{0} must be a number.", field]);
    provider.SetValueIsInvalidAccessor(value => text["'{0}' is not a valid value.", value]);
    provider.SetMissingBindRequiredValueAccessor(field => text["{0} is required.", field]);
    provider.SetValueMustNotBeNullAccessor(field => text["{0} is required.", field]);
    provider.SetUnknownValueIsInvalidAccessor(field => text["The value is not valid for {0}.", field]);
    provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["'{0}' is not a valid value.", value]);
    provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["The value is not valid."]);
    provider.SetNonPropertyValueMustBeANumberAccessor(() => text["The field must be a number."]);
    provider.SetMissingKeyOrValueAccessor(() => text["A value is required."]);
    provider.SetMissingRequestBodyRequiredValueAccessor(() => text["A request body is required."]);
});
builder.Services.AddProblemDetails();
builder.Services.AddApiBadRequestProblems();
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    options.SerializerOptions.Converters.Add(new MegaBench.Web.Api.StorableStringConverter());
    // A field the API does not know is refused (400 naming it, Api/ApiBadRequests) rather than silently dropped: a
    // misspelt "expectedVersion" or a field of another version of the API must not look like a successful save.
    options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});
builder.Services.AddMegaBenchOpenApi();

var app = builder.Build();

// First: everything after it, rate limits included, sees the visitor's address rather than the proxy's.
app.UseMegaBenchProxyForwarding();
// Hardening: security headers on every response, error pages included.
app.UseSecurityHeaders();
// The request's language, chosen before anything answers: the error and status pages, which re-execute the rest of
// the pipeline without the address's query string, are then in the language of the page that failed.
app.UseMegaBenchLocalization();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}

// Hardening: HTTPS only, outside development and tests (whose servers speak plain HTTP).
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

// A page that answers 404 or 403 without a body gets a readable explanation; API problems keep their JSON.
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseStaticFiles();
app.UseRouting();
// An API request whose body cannot be read: problem+json naming the field, inside the status pages.
app.UseApiBadRequestProblems();
// Hardening: rate limits, before anything looks a secret up.
app.UseRateLimiter();
// Accounts: authentication, authorisation, the caller's grants, the audit actor.
app.UseMegaBenchAccounts();
// Hardening: the API's bearer-token and antiforgery checks (after authentication).
app.UseApiRequestChecks();
// After authentication and the caller's grants: the cache policies decide access before looking anything up.
app.UseOutputCache();

app.MapGet("/health", () => "ok").ExcludeFromDescription();
app.MapOpenApi();
app.MapRazorPages();
app.MapFrameworkEndpoints();
app.MapNetworkEndpoints();
app.MapCityEndpoints();
app.MapRoundEndpoints();
app.MapOrganisationEndpoints();
app.MapChartEndpoints();
app.MapReportEndpoints();
app.MapExportEndpoints();
app.MapReviewExportEndpoints();
app.MapCycleEndpoints();
app.MapQuestionnaireEndpoints();
app.MapCoordinatorEndpoints();
app.MapOpenDataEndpoints();
app.MapPracticeEndpoints();
app.MapAntiforgeryEndpoint();

await app.RunAsync();

public partial class Program;
