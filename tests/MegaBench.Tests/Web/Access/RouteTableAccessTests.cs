using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Networks;
using MegaBench.Practices;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Access;

/// <summary>
/// Every endpoint of the app's own route table (pages with each handler, API endpoints with each method) has
/// a decided access rule here, and each rule holds for each role against objects of city A (an open and a
/// published round), city B and a city of another network. A new endpoint without a decision fails
/// <see cref="Every_endpoint_of_the_route_table_has_an_access_rule"/>.
/// </summary>
public sealed class RouteTableAccessTests
{
    public enum Rule
    {
        /// <summary>Anyone, signed in or not.</summary>
        Public,

        /// <summary>A network with a published round, else its administrators and its cities' coordinators; refused with 404.</summary>
        ReadNetwork,

        /// <summary>A city with a published round, else those who may edit it; refused with 404.</summary>
        ReadCity,

        /// <summary>A published round, else those who may edit its city; refused with 404.</summary>
        ReadRound,

        /// <summary>The city's coordinators and its network's administrators.</summary>
        EditCity,

        /// <summary>The network's administrators (add a city).</summary>
        AdministerNetwork,

        /// <summary>Administrators of every network (a new network).</summary>
        CreateNetwork,

        /// <summary>Any network administrator (the people list, invitations).</summary>
        ManagePeople,

        /// <summary>An administrator of a network in which the person has a role, or of every network.</summary>
        ManagePerson,

        /// <summary>Administrators of every network (make someone administrator of a network).</summary>
        AppointAdministrator,

        /// <summary>Anyone signed in (their own password).</summary>
        SignedIn,

        /// <summary>Answers the same fixed status to everyone (see <see cref="Route.Status"/>).</summary>
        Fixed,

        /// <summary>
        /// Whoever holds the organisation's questionnaire link ({link}), signed in or not: the link, not the role,
        /// decides. Invalid links answer 404 to everyone (QuestionnairePageTests, QuestionnaireApiTests).
        /// </summary>
        LinkHolder,

        /// <summary>A learning cycle's dashboard: its network's administrators and the coordinators of its cities; refused with 404.</summary>
        ReadCycle,

        /// <summary>A whole peer review: those who may edit its host or its reviewing city; refused with 404.</summary>
        ReadReview,

        /// <summary>A review's feedback report and action plan: anyone once published ({APublished}'s review), else as <see cref="ReadReview"/>.</summary>
        ReadReviewOutcome,

        /// <summary>The host's part of a review (the target's city hosts): who may edit the host city.</summary>
        WriteAsHost,

        /// <summary>A network's open-data release: anyone where the network published one (N has release 1), else 404.</summary>
        OpenDataRelease,

        /// <summary>The reviewer's part of a review (the target's city is reviewed by its partner): who may edit the reviewing city.</summary>
        WriteAsReviewer,
    }

    public enum Role { AdministratorOfEveryNetwork, AdministratorOfNetwork, CoordinatorOfA, CoordinatorOfB, Anonymous }

    public enum Target { AOpen, APublished, BOpen, OtherNetwork }

    /// <param name="Url">
    /// The address, with {network}, {city}, {round}, {organisation}, {practice}, {spare-practice} (a second practice of
    /// the city, for the API's delete: the page's delete removes the first), {person} or {link} (its organisation's
    /// questionnaire link) of the target, or {review}, {cycle}, {topic}, {meeting}, {action}, {evidence}: the peer review
    /// the target's city hosts (A is reviewed by B and B by A in a started cycle of the network; the review of
    /// <see cref="Target.APublished"/> is A's of an earlier cycle, published; C is reviewed by D in the other network),
    /// its cycle, and one object of each kind in it.
    /// </param>
    /// <param name="Fields">Form fields set over the rendered form's (a POST).</param>
    /// <param name="Json">
    /// The JSON body of an API write (placeholders as in <paramref name="Url"/>), sent with the role's antiforgery token
    /// in the <c>RequestVerificationToken</c> header as a signed-in browser's script sends it.
    /// </param>
    /// <param name="Status">
    /// <see cref="Rule.Fixed"/>: the status everyone gets. Otherwise, a status other than 200 is what an allowed caller
    /// gets besides success (publishing with a confirmation token that cannot match: 409 with the summary).
    /// </param>
    public sealed record Route(Rule Rule, string Url, IReadOnlyDictionary<string, string>? Fields = null, HttpStatusCode Status = HttpStatusCode.OK, string? Json = null);

    /// <summary>Each endpoint's rule, by "METHOD pattern[?handler=Name]" as the route table names it.</summary>
    public static readonly IReadOnlyDictionary<string, Route> Routes = new Dictionary<string, Route>(StringComparer.Ordinal)
    {
        ["GET /"] = new(Rule.Public, "/"),
        ["GET /health"] = new(Rule.Public, "/health"),
        ["GET /openapi/{documentName}.json"] = new(Rule.Public, "/openapi/v1.json"),
        ["GET /error"] = new(Rule.Public, "/error"),
        ["POST /error"] = new(Rule.Public, "/error"),
        // The status page answers the status of its address, and only error statuses (400–599).
        ["GET /status/{code:int}"] = new(Rule.Fixed, "/status/409", Status: HttpStatusCode.Conflict),
        ["POST /status/{code:int}"] = new(Rule.Fixed, "/status/409", Status: HttpStatusCode.Conflict),
        ["GET /setup"] = new(Rule.Public, "/setup"),
        ["POST /setup"] = new(Rule.Public, "/setup", new Dictionary<string, string> { ["Input.Code"] = "guess", ["Input.Email"] = "intruder@example.org", ["Input.Password"] = "intruder password 1" }),
        ["GET /account/signin"] = new(Rule.Public, "/account/signin"),
        ["POST /account/signin"] = new(Rule.Public, "/account/signin"),
        ["GET /account/signout"] = new(Rule.Public, "/account/signout"),
        ["POST /account/signout"] = new(Rule.Public, "/account/signout"),
        ["GET /account/denied"] = new(Rule.Fixed, "/account/denied", Status: HttpStatusCode.Forbidden),
        ["GET /my-work"] = new(Rule.SignedIn, "/my-work"),
        ["GET /account/password"] = new(Rule.SignedIn, "/account/password"),
        ["POST /account/password"] = new(Rule.SignedIn, "/account/password"),
        ["GET /account/set-password"] = new(Rule.Public, "/account/set-password"),
        ["POST /account/set-password"] = new(Rule.Public, "/account/set-password"),
        ["GET /frameworks"] = new(Rule.Public, "/frameworks"),
        ["GET /frameworks/{id}/{version}"] = new(Rule.Public, "/frameworks/test-fw/1.0"),
        ["GET /networks/new"] = new(Rule.CreateNetwork, "/networks/new"),
        ["POST /networks/new"] = new(Rule.CreateNetwork, "/networks/new", new Dictionary<string, string> { ["Input.Name"] = "A network added by the route test" }),
        ["GET /networks/{id:int}"] = new(Rule.ReadNetwork, "/networks/{network}"),
        ["GET /networks/{networkId:int}/cities/new"] = new(Rule.AdministerNetwork, "/networks/{network}/cities/new"),
        ["POST /networks/{networkId:int}/cities/new"] = new(Rule.AdministerNetwork, "/networks/{network}/cities/new", new Dictionary<string, string> { ["Input.Name"] = "Newtown", ["Input.Country"] = "France" }),
        ["GET /cities/{id:int}"] = new(Rule.ReadCity, "/cities/{city}"),
        ["GET /cities/{id:int}/edit"] = new(Rule.EditCity, "/cities/{city}/edit"),
        ["POST /cities/{id:int}/edit"] = new(Rule.EditCity, "/cities/{city}/edit"),
        ["GET /cities/{cityId:int}/rounds/new"] = new(Rule.EditCity, "/cities/{city}/rounds/new"),
        ["POST /cities/{cityId:int}/rounds/new"] = new(Rule.EditCity, "/cities/{city}/rounds/new", new Dictionary<string, string> { ["Input.Year"] = "2030" }),
        ["GET /rounds/{id:int}"] = new(Rule.ReadRound, "/rounds/{round}"),
        ["POST /rounds/{id:int}?handler=Status"] = new(Rule.EditCity, "/rounds/{round}?handler=Status"),
        ["GET /rounds/{id:int}/sheets/{groupCode}"] = new(Rule.ReadRound, "/rounds/{round}/sheets/AAA"),
        ["GET /rounds/{id:int}/narrative/{slug}"] = new(Rule.EditCity, "/rounds/{round}/narrative/obstacles"),
        ["POST /rounds/{id:int}/narrative/{slug}"] = new(Rule.EditCity, "/rounds/{round}/narrative/obstacles", new Dictionary<string, string> { ["Markdown"] = "Obstacles written in the route test." }),
        ["POST /rounds/{id:int}/narrative/{slug}?handler=Preview"] = new(Rule.EditCity, "/rounds/{round}/narrative/obstacles?handler=Preview", new Dictionary<string, string> { ["Markdown"] = "Obstacles previewed in the route test." }),
        ["GET /rounds/{roundId:int}/organisations/new"] = new(Rule.EditCity, "/rounds/{round}/organisations/new"),
        ["POST /rounds/{roundId:int}/organisations/new"] = new(Rule.EditCity, "/rounds/{round}/organisations/new", new Dictionary<string, string> { ["Input.Name"] = "Added in the route test", ["Input.GroupCode"] = "AAA", ["Input.Kind"] = "other" }),
        ["GET /organisations/{id:int}/edit"] = new(Rule.EditCity, "/organisations/{organisation}/edit"),
        ["POST /organisations/{id:int}/edit"] = new(Rule.EditCity, "/organisations/{organisation}/edit", new Dictionary<string, string> { ["Input.Notes"] = "A note from the route test." }),
        ["GET /organisations/{id:int}/answers"] = new(Rule.EditCity, "/organisations/{organisation}/answers"),
        ["POST /organisations/{id:int}/answers"] = new(Rule.EditCity, "/organisations/{organisation}/answers", new Dictionary<string, string> { ["Answers[0].Value"] = "Yes" }),
        ["GET /rounds/{id:int}/export.{format}"] = new(Rule.ReadRound, "/rounds/{round}/export.csv"),
        ["GET /rounds/{id:int}/profile"] = new(Rule.ReadRound, "/rounds/{round}/profile"),
        ["GET /rounds/{id:int}/ecosystem"] = new(Rule.ReadRound, "/rounds/{round}/ecosystem"),
        ["GET /rounds/{id:int}/methodology"] = new(Rule.ReadRound, "/rounds/{round}/methodology"),
        ["GET /rounds/{id:int}/charts/themes.png"] = new(Rule.ReadRound, "/rounds/{round}/charts/themes.png"),
        ["GET /rounds/{id:int}/charts/themes.svg"] = new(Rule.ReadRound, "/rounds/{round}/charts/themes.svg"),
        ["GET /networks/{id:int}/overview"] = new(Rule.ReadNetwork, "/networks/{network}/overview"),
        ["GET /networks/{id:int}/open-data"] = new(Rule.AdministerNetwork, "/networks/{network}/open-data"),
        ["POST /networks/{id:int}/open-data"] = new(Rule.AdministerNetwork, "/networks/{network}/open-data", new Dictionary<string, string> { ["Input.Licence"] = "CC0-1.0" }),
        ["POST /networks/{id:int}/open-data?handler=Publish"] = new(Rule.AdministerNetwork, "/networks/{network}/open-data?handler=Publish"),
        ["GET /networks/{id:int}/open-data/{release:int}/{file}"] = new(Rule.OpenDataRelease, "/networks/{network}/open-data/1/datapackage.json"),
        ["GET /networks/{id:int}/open-data/latest/{file}"] = new(Rule.OpenDataRelease, "/networks/{network}/open-data/latest/cities.csv"),
        ["GET /networks/{id:int}/matching"] = new(Rule.ReadNetwork, "/networks/{network}/matching"),
        // learning:cycles: add this part's routes below this line
        ["GET /networks/{networkId:int}/cycles"] = new(Rule.ReadNetwork, "/networks/{network}/cycles"),
        ["GET /networks/{networkId:int}/cycles/new"] = new(Rule.AdministerNetwork, "/networks/{network}/cycles/new"),
        ["POST /networks/{networkId:int}/cycles/new"] = new(Rule.AdministerNetwork, "/networks/{network}/cycles/new", new Dictionary<string, string> { ["Input.Name"] = "A cycle of the route test" }),
        ["GET /cycles/{id:int}"] = new(Rule.ReadCycle, "/cycles/{cycle}"),
        ["POST /cycles/{id:int}?handler=Swap"] = new(Rule.AdministerNetwork, "/cycles/{cycle}?handler=Swap", new Dictionary<string, string> { ["firstCity"] = "{city}", ["secondCity"] = "{city}" }),
        ["POST /cycles/{id:int}?handler=Start"] = new(Rule.AdministerNetwork, "/cycles/{cycle}?handler=Start"),
        ["POST /cycles/{id:int}?handler=Dates"] = new(Rule.AdministerNetwork, "/cycles/{cycle}?handler=Dates", new Dictionary<string, string> { ["Dates.VisitDue"] = "2030-01-01" }),
        ["GET /api/rounds/{id:int}/scores"] = new(Rule.ReadRound, "/api/rounds/{round}/scores"),
        ["GET /api/networks/{id:int}/matching"] = new(Rule.ReadNetwork, "/api/networks/{network}/matching"),
        ["GET /networks/{networkId:int}/practices"] = new(Rule.ReadNetwork, "/networks/{network}/practices"),
        ["GET /cities/{cityId:int}/practices/new"] = new(Rule.EditCity, "/cities/{city}/practices/new"),
        ["POST /cities/{cityId:int}/practices/new"] = new(Rule.EditCity, "/cities/{city}/practices/new", new Dictionary<string, string> { ["Input.Title"] = "Added in the route test", ["Input.Themes"] = "finance", ["Input.Language"] = "en" }),
        ["GET /practices/{id:int}/edit"] = new(Rule.EditCity, "/practices/{practice}/edit"),
        ["POST /practices/{id:int}/edit"] = new(Rule.EditCity, "/practices/{practice}/edit", new Dictionary<string, string> { ["Input.Title"] = "Renamed in the route test" }),
        // Before the page's delete, which removes the practice.
        ["PUT /api/practices/{id:int}"] = new(Rule.EditCity, "/api/practices/{practice}", Json: """{"title": "Renamed through the API", "language": "en", "themes": ["finance"]}"""),
        ["POST /practices/{id:int}/edit?handler=Delete"] = new(Rule.EditCity, "/practices/{practice}/edit?handler=Delete"),
        ["DELETE /api/practices/{id:int}"] = new(Rule.EditCity, "/api/practices/{spare-practice}"),
        // learning:desk: add this part's routes below this line
        ["GET /reviews/{id:int}"] = new(Rule.ReadReviewOutcome, "/reviews/{review}"),
        ["POST /reviews/{id:int}"] = new(Rule.WriteAsHost, "/reviews/{review}", new Dictionary<string, string> { ["Briefing"] = "A briefing from the route test." }),
        ["POST /reviews/{id:int}?handler=Preview"] = new(Rule.WriteAsHost, "/reviews/{review}?handler=Preview", new Dictionary<string, string> { ["Briefing"] = "A briefing previewed in the route test." }),
        ["GET /reviews/{id:int}/desk"] = new(Rule.ReadReview, "/reviews/{review}/desk"),
        ["POST /reviews/{id:int}/desk?handler=Topic"] = new(Rule.WriteAsReviewer, "/reviews/{review}/desk?handler=Topic", new Dictionary<string, string> { ["Topic.Subject"] = "", ["Topic.Title"] = "A topic from the route test" }),
        ["POST /reviews/{id:int}/desk?handler=Ask"] = new(Rule.WriteAsReviewer, "/reviews/{review}/desk?handler=Ask", new Dictionary<string, string> { ["Message.TopicId"] = "{topic}", ["Message.Text"] = "A question from the route test." }),
        ["POST /reviews/{id:int}/desk?handler=Answer"] = new(Rule.WriteAsHost, "/reviews/{review}/desk?handler=Answer", new Dictionary<string, string> { ["Message.TopicId"] = "{topic}", ["Message.Text"] = "An answer from the route test." }),
        // Either side adds evidence: whoever reads the whole review is a party to it (or its network's administrator).
        ["POST /reviews/{id:int}/desk?handler=Evidence"] = new(Rule.ReadReview, "/reviews/{review}/desk?handler=Evidence", new Dictionary<string, string> { ["Evidence.Title"] = "Route test link", ["Evidence.Url"] = "https://example.org/route-test" }),
        ["POST /reviews/{id:int}/desk?handler=Close"] = new(Rule.WriteAsReviewer, "/reviews/{review}/desk?handler=Close"),
        ["GET /reviews/{id:int}/evidence/{evidenceId:int}"] = new(Rule.ReadReview, "/reviews/{review}/evidence/{evidence}"),
        ["GET /admin/people"] = new(Rule.ManagePeople, "/admin/people"),
        ["GET /admin/people/invite"] = new(Rule.ManagePeople, "/admin/people/invite"),
        ["POST /admin/people/invite"] = new(Rule.ManagePeople, "/admin/people/invite", new Dictionary<string, string> { ["Input.Email"] = "invited@example.org", ["Input.CityIds"] = "{city}" }),
        ["GET /admin/people/{id}"] = new(Rule.ManagePerson, "/admin/people/{person}"),
        ["POST /admin/people/{id}?handler=Assign"] = new(Rule.ManagePerson, "/admin/people/{person}?handler=Assign", new Dictionary<string, string> { ["cityId"] = "{city}" }),
        ["POST /admin/people/{id}?handler=Unassign"] = new(Rule.ManagePerson, "/admin/people/{person}?handler=Unassign", new Dictionary<string, string> { ["assignmentId"] = "0" }),
        ["POST /admin/people/{id}?handler=Administrator"] = new(Rule.AppointAdministrator, "/admin/people/{person}?handler=Administrator", new Dictionary<string, string> { ["networkId"] = "{network}" }),
        ["POST /admin/people/{id}?handler=Link"] = new(Rule.ManagePerson, "/admin/people/{person}?handler=Link"),
        ["GET /organisations/{id:int}/answers/{code}/history"] = new(Rule.EditCity, "/organisations/{organisation}/answers/AAA-1.01/history"),
        ["GET /account/tokens"] = new(Rule.SignedIn, "/account/tokens"),
        ["POST /account/tokens?handler=Create"] = new(Rule.SignedIn, "/account/tokens?handler=Create", new Dictionary<string, string> { ["Name"] = "route test" }),
        ["POST /account/tokens?handler=Revoke"] = new(Rule.SignedIn, "/account/tokens?handler=Revoke", new Dictionary<string, string> { ["tokenId"] = "0" }),
        ["GET /admin/audit"] = new(Rule.ManagePeople, "/admin/audit"),
        ["GET /admin/audit?handler=Csv"] = new(Rule.ManagePeople, "/admin/audit?handler=Csv"),
        ["GET /admin/people/{id}/data"] = new(Rule.ManagePerson, "/admin/people/{person}/data"),
        ["GET /admin/people/{id}/data?handler=Json"] = new(Rule.ManagePerson, "/admin/people/{person}/data?handler=Json"),
        // learning:visit-feedback: add this part's routes below this line
        ["GET /reviews/{id:int}/visit"] = new(Rule.ReadReview, "/reviews/{review}/visit"),
        ["POST /reviews/{id:int}/visit"] = new(Rule.WriteAsReviewer, "/reviews/{review}/visit", new Dictionary<string, string> { ["Input.Start"] = "2025-05-12", ["Input.End"] = "2025-05-13", ["Input.Place"] = "Town hall" }),
        ["POST /reviews/{id:int}/visit?handler=AddMeeting"] = new(Rule.ReadReview, "/reviews/{review}/visit?handler=AddMeeting", new Dictionary<string, string> { ["Meeting.Date"] = "2025-05-12", ["Meeting.Start"] = "11:00", ["Meeting.End"] = "12:00", ["Meeting.OrganisationName"] = "Added in the route test" }),
        ["POST /reviews/{id:int}/visit?handler=Held"] = new(Rule.WriteAsReviewer, "/reviews/{review}/visit?handler=Held"),
        ["GET /reviews/{id:int}/visit.ics"] = new(Rule.ReadReview, "/reviews/{review}/visit.ics"),
        ["GET /reviews/{id:int}/visit/meetings/{meetingId:int}"] = new(Rule.ReadReview, "/reviews/{review}/visit/meetings/{meeting}"),
        ["POST /reviews/{id:int}/visit/meetings/{meetingId:int}"] = new(Rule.ReadReview, "/reviews/{review}/visit/meetings/{meeting}", new Dictionary<string, string> { ["Meeting.Participants"] = "director, two advisers" }),
        ["POST /reviews/{id:int}/visit/meetings/{meetingId:int}?handler=Notes"] = new(Rule.WriteAsReviewer, "/reviews/{review}/visit/meetings/{meeting}?handler=Notes", new Dictionary<string, string> { ["Notes"] = "Notes from the route test." }),
        ["POST /reviews/{id:int}/visit/meetings/{meetingId:int}?handler=NotesPreview"] = new(Rule.WriteAsReviewer, "/reviews/{review}/visit/meetings/{meeting}?handler=NotesPreview", new Dictionary<string, string> { ["Notes"] = "Notes previewed in the route test." }),
        // Deleting the meeting goes after every other route of the meeting.
        ["POST /reviews/{id:int}/visit/meetings/{meetingId:int}?handler=Delete"] = new(Rule.ReadReview, "/reviews/{review}/visit/meetings/{meeting}?handler=Delete"),
        ["GET /reviews/{id:int}/feedback"] = new(Rule.ReadReviewOutcome, "/reviews/{review}/feedback"),
        ["GET /reviews/{id:int}/feedback.{format}"] = new(Rule.ReadReviewOutcome, "/reviews/{review}/feedback.docx"),
        ["POST /reviews/{id:int}/feedback"] = new(Rule.WriteAsReviewer, "/reviews/{review}/feedback", new Dictionary<string, string> { ["Markdown"] = "A report written in the route test." }),
        ["POST /reviews/{id:int}/feedback?handler=Preview"] = new(Rule.WriteAsReviewer, "/reviews/{review}/feedback?handler=Preview", new Dictionary<string, string> { ["Markdown"] = "A report previewed in the route test." }),
        ["POST /reviews/{id:int}/feedback?handler=Submit"] = new(Rule.WriteAsReviewer, "/reviews/{review}/feedback?handler=Submit", new Dictionary<string, string> { ["Markdown"] = "A report submitted in the route test." }),
        ["POST /reviews/{id:int}/feedback?handler=Response"] = new(Rule.WriteAsHost, "/reviews/{review}/feedback?handler=Response", new Dictionary<string, string> { ["ResponseText"] = "A response written in the route test." }),
        // Withdrawn before published, so that the published review stays published for the routes after these.
        ["POST /reviews/{id:int}/feedback?handler=Withdraw"] = new(Rule.WriteAsHost, "/reviews/{review}/feedback?handler=Withdraw"),
        ["POST /reviews/{id:int}/feedback?handler=Publish"] = new(Rule.WriteAsHost, "/reviews/{review}/feedback?handler=Publish"),
        ["POST /admin/people/{id}/data?handler=Erase"] = new(Rule.ManagePerson, "/admin/people/{person}/data?handler=Erase"),
        ["GET /api/antiforgery"] = new(Rule.Public, "/api/antiforgery"),
        ["GET /api/frameworks/"] = new(Rule.Public, "/api/frameworks"),
        ["GET /api/frameworks/{id}/{version}"] = new(Rule.Public, "/api/frameworks/test-fw/1.0"),
        ["GET /api/networks/"] = new(Rule.Public, "/api/networks"),
        ["GET /api/networks/{id:int}"] = new(Rule.ReadNetwork, "/api/networks/{network}"),
        ["GET /api/networks/{id:int}/cities"] = new(Rule.ReadNetwork, "/api/networks/{network}/cities"),
        ["GET /api/cities/{id:int}"] = new(Rule.ReadCity, "/api/cities/{city}"),
        ["GET /api/cities/{id:int}/rounds"] = new(Rule.ReadCity, "/api/cities/{city}/rounds"),
        ["GET /api/rounds/{id:int}"] = new(Rule.ReadRound, "/api/rounds/{round}"),
        ["GET /api/rounds/{id:int}/organisations"] = new(Rule.ReadRound, "/api/rounds/{round}/organisations"),
        ["GET /api/organisations/{id:int}"] = new(Rule.ReadRound, "/api/organisations/{organisation}"),
        ["GET /api/organisations/{id:int}/answers"] = new(Rule.ReadRound, "/api/organisations/{organisation}/answers"),
        // learning:actions: add this part's routes below this line
        ["GET /reviews/{id:int}/actions"] = new(Rule.ReadReviewOutcome, "/reviews/{review}/actions"),
        ["POST /reviews/{id:int}/actions?handler=Save"] = new(Rule.WriteAsHost, "/reviews/{review}/actions?handler=Save", new Dictionary<string, string> { ["Input.Title"] = "Added in the route test", ["Input.Statements"] = "AAA-1.02" }),
        ["POST /reviews/{id:int}/actions?handler=Note"] = new(Rule.WriteAsHost, "/reviews/{review}/actions?handler=Note", new Dictionary<string, string> { ["actionId"] = "{action}", ["noteDate"] = "2025-06-02", ["noteText"] = "Noted in the route test." }),
        ["POST /reviews/{id:int}/actions?handler=Adopt"] = new(Rule.WriteAsHost, "/reviews/{review}/actions?handler=Adopt", new Dictionary<string, string> { ["suggestion"] = "statement:AAA-2.02" }),
        ["POST /reviews/{id:int}/actions?handler=AdoptPlan"] = new(Rule.WriteAsHost, "/reviews/{review}/actions?handler=AdoptPlan"),
        // Last of the page's writes: it deletes the action the others write to.
        ["POST /reviews/{id:int}/actions?handler=Delete"] = new(Rule.WriteAsHost, "/reviews/{review}/actions?handler=Delete", new Dictionary<string, string> { ["actionId"] = "{action}" }),
        ["GET /q/{token}"] = new(Rule.LinkHolder, "/q/{link}"),
        ["POST /q/{token}"] = new(Rule.LinkHolder, "/q/{link}", new Dictionary<string, string> { ["Answers[0].Value"] = "Yes", ["Stage"] = "1" }),
        ["GET /q/{token}/review"] = new(Rule.LinkHolder, "/q/{link}/review"),
        ["POST /q/{token}/review"] = new(Rule.LinkHolder, "/q/{link}/review"),
        ["GET /api/q/{token}/"] = new(Rule.LinkHolder, "/api/q/{link}"),
        // This test sends every write as a form POST: a PUT-only route answers 405 to everyone. QuestionnaireApiTests sends the PUT.
        ["PUT /api/q/{token}/answers/{code}"] = new(Rule.Fixed, "/api/q/{link}/answers/AAA-1.01", Status: HttpStatusCode.MethodNotAllowed),
        ["POST /api/q/{token}/submit"] = new(Rule.LinkHolder, "/api/q/{link}/submit"),
        ["GET /rounds/{id:int}/publish"] = new(Rule.EditCity, "/rounds/{round}/publish"),
        ["POST /rounds/{id:int}/publish"] = new(Rule.EditCity, "/rounds/{round}/publish", new Dictionary<string, string> { ["Token"] = "stale" }),
        ["GET /rounds/{id:int}/questionnaires"] = new(Rule.EditCity, "/rounds/{round}/questionnaires"),
        ["GET /rounds/{id:int}/questionnaires?handler=Csv"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Csv"),
        ["GET /rounds/{id:int}/questionnaires?handler=Xlsx"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Xlsx&organisationId={organisation}"),
        ["POST /rounds/{id:int}/questionnaires?handler=Issue"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Issue", new Dictionary<string, string> { ["organisationIds"] = "{organisation}", ["days"] = "30" }),
        ["POST /rounds/{id:int}/questionnaires?handler=Email"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Email", new Dictionary<string, string> { ["organisationIds"] = "{organisation}", ["days"] = "30" }),
        ["POST /rounds/{id:int}/questionnaires?handler=Remind"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Remind", new Dictionary<string, string> { ["organisationIds"] = "{organisation}", ["days"] = "30" }),
        ["POST /rounds/{id:int}/questionnaires?handler=Revoke"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Revoke", new Dictionary<string, string> { ["organisationIds"] = "{organisation}" }),
        ["POST /rounds/{id:int}/questionnaires?handler=Validate"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Validate", new Dictionary<string, string> { ["organisationId"] = "{organisation}" }),
        ["GET /rounds/{id:int}/questionnaires/{organisationId:int}/validate"] = new(Rule.EditCity, "/rounds/{round}/questionnaires/{organisation}/validate"),
        ["POST /rounds/{id:int}/questionnaires/{organisationId:int}/validate"] = new(Rule.EditCity, "/rounds/{round}/questionnaires/{organisation}/validate", new Dictionary<string, string> { ["Reason"] = "answers given on paper" }),
        ["POST /rounds/{id:int}/questionnaires?handler=Reopen"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Reopen", new Dictionary<string, string> { ["organisationId"] = "{organisation}" }),
        ["POST /rounds/{id:int}/questionnaires?handler=Import"] = new(Rule.EditCity, "/rounds/{round}/questionnaires?handler=Import", new Dictionary<string, string> { ["organisationId"] = "{organisation}" }),
        // The API's writes in an order that lets each succeed for an allowed role: issue before revoke, validate before reopen.
        ["GET /api/rounds/{id:int}/questionnaires"] = new(Rule.EditCity, "/api/rounds/{round}/questionnaires"),
        ["GET /api/organisations/{id:int}/questionnaire"] = new(Rule.EditCity, "/api/organisations/{organisation}/questionnaire"),
        ["POST /api/organisations/{id:int}/invitation"] = new(Rule.EditCity, "/api/organisations/{organisation}/invitation?expiresInDays=14"),
        ["DELETE /api/organisations/{id:int}/invitation"] = new(Rule.EditCity, "/api/organisations/{organisation}/invitation"),
        ["POST /api/organisations/{id:int}/questionnaire/validate"] = new(Rule.EditCity, "/api/organisations/{organisation}/questionnaire/validate?reason=answers%20on%20paper"),
        ["POST /api/organisations/{id:int}/questionnaire/reopen"] = new(Rule.EditCity, "/api/organisations/{organisation}/questionnaire/reopen"),
        // The write API (Api/*Endpoints' MapWrites): the pages' rules over JSON.
        ["POST /api/networks/"] = new(Rule.CreateNetwork, "/api/networks", Json: """{"name": "A network added through the API"}"""),
        ["POST /api/networks/{id:int}/cities"] = new(Rule.AdministerNetwork, "/api/networks/{network}/cities", Json: """{"name": "New city {city}", "country": "France"}"""),
        ["PUT /api/cities/{id:int}"] = new(Rule.EditCity, "/api/cities/{city}", Json: """{"name": "City {city}", "country": "France"}"""),
        ["POST /api/cities/{id:int}/rounds"] = new(Rule.EditCity, "/api/cities/{city}/rounds", Json: """{"year": 2031, "frameworkId": 1}"""),
        // Asking to publish is allowed through the gate and then sent to the summary (409), or a no-op on the published
        // round; so is a confirmation whose token cannot match: nothing the later routes rely on changes.
        ["PUT /api/rounds/{id:int}/status"] = new(Rule.EditCity, "/api/rounds/{round}/status", Status: HttpStatusCode.Conflict, Json: """{"status": "published"}"""),
        ["GET /api/rounds/{id:int}/publication"] = new(Rule.EditCity, "/api/rounds/{round}/publication"),
        // A published round's answers are refused with 409 once past the gate (reopen first).
        ["PUT /api/organisations/{id:int}/answers/{code}"] = new(Rule.EditCity, "/api/organisations/{organisation}/answers/AAA-1.01", Status: HttpStatusCode.Conflict, Json: """{"value": "yes", "comment": "From the route walk", "expectedVersion": 0}"""),
        ["PUT /api/rounds/{id:int}/narrative/{section}"] = new(Rule.EditCity, "/api/rounds/{round}/narrative/obstacles", Json: """{"markdown": "Obstacles written through the API in the route test."}"""),
        // A published round's organisations are refused with 409 once past the gate (reopen first).
        ["POST /api/rounds/{id:int}/organisations"] = new(Rule.EditCity, "/api/rounds/{round}/organisations", Status: HttpStatusCode.Conflict, Json: """{"name": "Added through the API", "groupCode": "AAA", "kind": "other"}"""),
        ["PUT /api/organisations/{id:int}"] = new(Rule.EditCity, "/api/organisations/{organisation}", Status: HttpStatusCode.Conflict, Json: """{"name": "Renamed through the API", "groupCode": "AAA", "kind": "other"}"""),
        ["POST /api/cities/{id:int}/practices"] = new(Rule.EditCity, "/api/cities/{city}/practices", Json: """{"title": "Added through the API", "language": "en", "themes": ["finance"]}"""),
        ["POST /api/rounds/{id:int}/publication"] = new(Rule.EditCity, "/api/rounds/{round}/publication", Status: HttpStatusCode.Conflict, Json: """{"token": "not-a-summary"}"""),
        // learning:file-api: add this part's routes below this line
        ["GET /api/networks/{id:int}/cycles"] = new(Rule.ReadNetwork, "/api/networks/{network}/cycles"),
        ["GET /api/cycles/{id:int}"] = new(Rule.ReadCycle, "/api/cycles/{cycle}"),
        ["GET /api/reviews/{id:int}"] = new(Rule.ReadReviewOutcome, "/api/reviews/{review}"),
        // The cycle's files hold every review, drafts included: the network's administrators only.
        ["GET /cycles/{id:int}/export.{format}"] = new(Rule.AdministerNetwork, "/cycles/{cycle}/export.json"),
    };

    [Fact]
    public async Task Every_endpoint_of_the_route_table_has_an_access_rule()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var endpoints = await EnumerateAsync(factory.Services);

        var undecided = endpoints.Except(Routes.Keys).Order(StringComparer.Ordinal).ToList();
        var stale = Routes.Keys.Except(endpoints).Order(StringComparer.Ordinal).ToList();
        Assert.True(undecided.Count == 0, $"Endpoints without an access rule (add each to {nameof(Routes)}):\n{string.Join("\n", undecided)}");
        Assert.True(stale.Count == 0, $"Rules for endpoints that no longer exist:\n{string.Join("\n", stale)}");
    }

    /// <summary>
    /// Sends every route, against each target, as <paramref name="role"/>, and checks the outcome its rule decides
    /// (and that a refused POST changed nothing). Each role is a test class of its own below
    /// (<see cref="RouteTableAccessAsAnonymousTests"/>, ...): a walk takes 30–50 s, and xunit runs the tests of one
    /// class one after another but different classes in parallel.
    /// </summary>
    internal static async Task EachRouteAllowsOrRefusesAsync(Role role)
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await World.BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var formSource = factory.CreateBrowser();
        await formSource.SignInAsync(world.SuperEmail);
        var client = factory.CreateBrowser();
        if (role != Role.Anonymous)
        {
            await client.SignInAsync(world.Emails[role]);
        }

        // The antiforgery token a browser of this role holds: from the sign-out page's form, or the sign-in form.
        var token = await client.AntiforgeryTokenAsync(role == Role.Anonymous ? "/account/signin" : "/account/signout");

        var failures = new List<string>();
        // Signing out ends the role's session (it renews the security stamp): it goes last.
        foreach (var (key, route) in Routes.OrderBy(r => r.Key == "POST /account/signout"))
        {
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            foreach (var target in Enum.GetValues<Target>().DistinctBy(t => world.Url(route.Url, t)))
            {
                var url = world.Url(route.Url, target);
                // Only a refused POST is checked for changes (below): a GET needs no snapshot.
                var before = method == "GET" ? null : await world.SnapshotAsync();
                HttpResponseMessage response;
                if (method == "GET")
                {
                    response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
                }
                else if (route.Json is not null)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative))
                    {
                        Content = new StringContent(world.Url(route.Json, target), System.Text.Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add("RequestVerificationToken", token);
                    response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                }
                else
                {
                    var fields = await FormFieldsAsync(formSource, url);
                    fields.RemoveAll(f => f.Key == "__RequestVerificationToken");
                    foreach (var (name, value) in route.Fields ?? new Dictionary<string, string>())
                    {
                        fields.RemoveAll(f => f.Key == name);
                        fields.Add(new(name, world.Url(value, target)));
                    }

                    fields.Add(new("__RequestVerificationToken", token));
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
                    response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                }

                var expected = Expect(route, role, target);
                var problem = Check(response, expected, role, route);
                if (problem is null && expected is not (Outcome.Allowed or Outcome.LinkAccepted) && method != "GET" && await world.SnapshotAsync() != before)
                {
                    problem = "a refused POST changed the database";
                }

                if (problem is not null)
                {
                    failures.Add($"{method} {url} ({key}, {route.Rule}, {target}): expected {expected}, {problem}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{role}:\n{string.Join("\n", failures)}");
    }

    /// <summary>
    /// <see cref="LinkAccepted"/>: the link let the request in, whatever the role (neither 404 nor a refusal); the
    /// answer may still be 423 when the questionnaire is read-only (the published round's).
    /// </summary>
    public enum Outcome { Allowed, NotFound, Refused, FixedStatus, LinkAccepted }

    private static Outcome Expect(Route route, Role role, Target target)
    {
        var inNetwork = target != Target.OtherNetwork;
        var city = target switch { Target.AOpen or Target.APublished => 'A', Target.BOpen => 'B', _ => 'C' };
        var editsCity = role == Role.AdministratorOfEveryNetwork
            || (role == Role.AdministratorOfNetwork && inNetwork)
            || (role == Role.CoordinatorOfA && city == 'A')
            || (role == Role.CoordinatorOfB && city == 'B');
        var administersNetwork = role == Role.AdministratorOfEveryNetwork || (role == Role.AdministratorOfNetwork && inNetwork);
        var isAdministrator = role is Role.AdministratorOfEveryNetwork or Role.AdministratorOfNetwork;
        // The review of the target: hosted by the target's city, reviewed by its partner (A by B, B by A, C by D).
        var editsReviewer = role == Role.AdministratorOfEveryNetwork
            || (role == Role.AdministratorOfNetwork && inNetwork)
            || (role == Role.CoordinatorOfA && city == 'B')
            || (role == Role.CoordinatorOfB && city == 'A');
        var readsReview = editsCity || editsReviewer;
        return route.Rule switch
        {
            Rule.Public => Outcome.Allowed,
            Rule.LinkHolder => Outcome.LinkAccepted,
            Rule.Fixed => Outcome.FixedStatus,
            // Network N has a published round (city A's); the other network has none.
            Rule.ReadNetwork => inNetwork || role == Role.AdministratorOfEveryNetwork ? Outcome.Allowed : Outcome.NotFound,
            Rule.ReadCity => city == 'A' || editsCity ? Outcome.Allowed : Outcome.NotFound,
            Rule.ReadRound => target == Target.APublished || editsCity ? Outcome.Allowed : Outcome.NotFound,
            Rule.EditCity => editsCity ? Outcome.Allowed : Outcome.Refused,
            Rule.AdministerNetwork or Rule.ManagePerson => administersNetwork ? Outcome.Allowed : Outcome.Refused,
            Rule.CreateNetwork or Rule.AppointAdministrator => role == Role.AdministratorOfEveryNetwork ? Outcome.Allowed : Outcome.Refused,
            Rule.ManagePeople => isAdministrator ? Outcome.Allowed : Outcome.Refused,
            Rule.SignedIn => role != Role.Anonymous ? Outcome.Allowed : Outcome.Refused,
            Rule.ReadCycle or Rule.ReadReview => readsReview ? Outcome.Allowed : Outcome.NotFound,
            Rule.ReadReviewOutcome => readsReview || target == Target.APublished ? Outcome.Allowed : Outcome.NotFound,
            Rule.WriteAsHost => editsCity ? Outcome.Allowed : Outcome.Refused,
            Rule.WriteAsReviewer => editsReviewer ? Outcome.Allowed : Outcome.Refused,
            Rule.OpenDataRelease => inNetwork ? Outcome.Allowed : Outcome.NotFound,
            _ => throw new ArgumentOutOfRangeException(nameof(route)),
        };
    }

    /// <summary>Null when the response is what the outcome means; else what was wrong.</summary>
    private static string? Check(HttpResponseMessage response, Outcome expected, Role role, Route route)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var toSignIn = status == 302 && location.Contains("/account/signin", StringComparison.OrdinalIgnoreCase);
        var ok = expected switch
        {
            Outcome.Allowed => status is >= 200 and < 300 || (route.Status != HttpStatusCode.OK && status == (int)route.Status) || (status is >= 300 and < 400 && !toSignIn && !location.Contains("/account/denied", StringComparison.Ordinal)),
            Outcome.NotFound => status == 404,
            Outcome.LinkAccepted => status is not (401 or 403 or 404 or 400 or 429) && status < 500 && !toSignIn,
            // Not signed in: sent to sign in (401 from the API), or 404 when the object is not even readable; signed in: 403, or 404 when not readable.
            Outcome.Refused => role == Role.Anonymous ? toSignIn || status is 401 or 404 : status is 403 or 404,
            _ => true,
        };
        return ok ? null : $"got {status}{(location.Length > 0 ? " to " + location : "")}";
    }

    private static async Task<List<KeyValuePair<string, string>>> FormFieldsAsync(HttpClient formSource, string url)
    {
        var path = url.Split('?')[0];
        var handler = url.Contains("?handler=", StringComparison.Ordinal) ? url[(url.IndexOf('=', StringComparison.Ordinal) + 1)..] : null;
        var response = await formSource.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }

        var document = await HtmlForms.ParseAsync(response);
        var form = document.QuerySelectorAll<IHtmlFormElement>("main form[method=post]").FirstOrDefault(f =>
            handler is null ? !(f.GetAttribute("action") ?? "").Contains("handler=", StringComparison.Ordinal) : (f.GetAttribute("action") ?? "").EndsWith($"handler={handler}", StringComparison.Ordinal));
        return form is null ? [] : HtmlForms.ReadFields(form);
    }

    /// <summary>"METHOD /pattern[?handler=Name]" for every endpoint and handler of the route table.</summary>
    private static async Task<HashSet<string>> EnumerateAsync(IServiceProvider services)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var loader = services.GetRequiredService<PageLoader>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    keys.Add($"{handler.HttpMethod.ToUpperInvariant()} {pattern}{(handler.Name is null ? "" : $"?handler={handler.Name}")}");
                }
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
                foreach (var method in methods)
                {
                    keys.Add($"{method} {pattern}");
                }
            }
        }

        return keys;
    }

    /// <summary>
    /// Network N with city A (an open 2025 and a published 2024 round) and city B (an open round); another
    /// network with city C (an open round). Accounts for each role, and for each city a person who coordinates it.
    /// </summary>
    private sealed class World
    {
        private readonly TestDatabase _database;
        private readonly Dictionary<Target, (int Network, int City, int Round, int Organisation, int Practice, int SparePractice, string Person, string Link)> _targets = [];
        private readonly Dictionary<Target, Dictionary<string, int>> _learning = [];

        private World(TestDatabase database) => _database = database;

        public Dictionary<Role, string> Emails { get; } = [];

        public string SuperEmail { get; private set; } = "";

        public static async Task<World> BuildAsync(TestDatabase database)
        {
            var world = new World(database);
            var ct = TestContext.Current.CancellationToken;
            await using var db = database.NewContext();
            var stored = await FrameworkStore.RegisterAsync(db, new FrameworkBuilder().Build(), cancellationToken: ct);
            var north = new Network { Name = "North" };
            var other = new Network { Name = "Other" };
            var a = new City { Name = "Aville", Country = "France", Network = north };
            var b = new City { Name = "Bville", Country = "France", Network = north };
            var c = new City { Name = "Cville", Country = "Spain", Network = other };
            var d = new City { Name = "Dville", Country = "Portugal", Network = other };
            Round RoundOf(City city, int year, RoundStatus status)
            {
                var round = new Round { City = city, Year = year, StoredFrameworkId = stored.Id, Status = status };
                round.Organisations.Add(new Organisation { Name = $"{city.Name} chamber {year}", GroupCode = "AAA", Position = 1 });
                db.Rounds.Add(round);
                return round;
            }

            var rounds = new Dictionary<Target, Round>
            {
                [Target.AOpen] = RoundOf(a, 2025, RoundStatus.Open),
                [Target.APublished] = RoundOf(a, 2024, RoundStatus.Published),
                [Target.BOpen] = RoundOf(b, 2025, RoundStatus.Open),
                [Target.OtherNetwork] = RoundOf(c, 2025, RoundStatus.Open),
            };
            var roundOfD = RoundOf(d, 2025, RoundStatus.Open);
            var practices = new[] { a, b, c }.ToDictionary(city => city, city => new Practice { City = city, Title = $"{city.Name} incubator", Language = "en", Themes = "finance" });
            var spares = new[] { a, b, c }.ToDictionary(city => city, city => new Practice { City = city, Title = $"{city.Name} mentoring", Language = "en", Themes = "finance" });
            db.Practices.AddRange(practices.Values);
            db.Practices.AddRange(spares.Values);
            await db.SaveChangesAsync(ct);
            // North's open data, release 1 (of A's published round); the other network has published none.
            await MegaBench.OpenData.OpenDataReleases.PublishAsync(db, north.Id, ct);

            world.SuperEmail = "super@example.org";
            await TestAccounts.CreateAsync(database, world.SuperEmail, TestRole.AdministratorOfEveryNetwork);
            world.Emails[Role.AdministratorOfEveryNetwork] = "every@example.org";
            world.Emails[Role.AdministratorOfNetwork] = "north-admin@example.org";
            world.Emails[Role.CoordinatorOfA] = "aville@example.org";
            world.Emails[Role.CoordinatorOfB] = "bville@example.org";
            await TestAccounts.CreateAsync(database, world.Emails[Role.AdministratorOfEveryNetwork], TestRole.AdministratorOfEveryNetwork);
            await TestAccounts.CreateAsync(database, world.Emails[Role.AdministratorOfNetwork], TestRole.AdministratorOf(north.Id));
            await TestAccounts.CreateAsync(database, world.Emails[Role.CoordinatorOfA], TestRole.CoordinatorOf(a.Id));
            await TestAccounts.CreateAsync(database, world.Emails[Role.CoordinatorOfB], TestRole.CoordinatorOf(b.Id));
            var people = new Dictionary<City, string>
            {
                [a] = await TestAccounts.CreateAsync(database, "person-a@example.org", TestRole.CoordinatorOf(a.Id)),
                [b] = await TestAccounts.CreateAsync(database, "person-b@example.org", TestRole.CoordinatorOf(b.Id)),
                [c] = await TestAccounts.CreateAsync(database, "person-c@example.org", TestRole.CoordinatorOf(c.Id)),
            };
            // Learning cycles: A and B review each other in a started cycle of North, A's review of an earlier cycle is
            // published, and C and D review each other in the other network.
            PeerReview Review(LearningCycle cycle, Round host, Round reviewer, bool published)
            {
                var review = new PeerReview
                {
                    HostCityId = host.CityId, ReviewerCityId = reviewer.CityId, HostRoundId = host.Id, ReviewerRoundId = reviewer.Id, GroupNumber = 1,
                    GapThemes = "finance", PublishedAt = published ? DateTimeOffset.UtcNow : null,
                    Feedback = "A feedback report.", FeedbackSubmittedAt = published ? DateTimeOffset.UtcNow : null,
                };
                var topic = new ReviewTopic { Title = "Access to finance", ThemeCode = "finance", FromMatching = true, Position = 1 };
                topic.Messages.Add(new ReviewMessage { Side = ReviewSide.Reviewer, Text = "How do you fund start-ups?" });
                review.Topics.Add(topic);
                review.Evidence.Add(new ReviewEvidence { Side = ReviewSide.Host, Title = "Annual report", Url = "https://example.org/report" });
                review.Meetings.Add(new VisitMeeting { Date = new DateOnly(2025, 5, 12), Start = new TimeOnly(9, 0), End = new TimeOnly(10, 0), OrganisationName = "Chamber", Participants = "director" });
                var action = new ReviewAction { Title = "Open a finance desk", Statements = "AAA-1.01", Themes = "finance", OrganisationId = host.Organisations[0].Id };
                action.Notes.Add(new ActionProgressNote { Date = new DateOnly(2025, 6, 1), Text = "Desk planned." });
                review.Actions.Add(action);
                cycle.Reviews.Add(review);
                return review;
            }

            LearningCycle Cycle(Network network, string name) => new() { Network = network, Name = name, Status = CycleStatus.Started };
            var earlier = Cycle(north, "2023 peer reviews");
            var current = Cycle(north, "2025 peer reviews");
            var otherCycle = Cycle(other, "2025 peer reviews");
            var reviews = new Dictionary<Target, PeerReview>
            {
                [Target.APublished] = Review(earlier, rounds[Target.APublished], rounds[Target.BOpen], published: true),
                [Target.AOpen] = Review(current, rounds[Target.AOpen], rounds[Target.BOpen], published: false),
                [Target.BOpen] = Review(current, rounds[Target.BOpen], rounds[Target.AOpen], published: false),
                [Target.OtherNetwork] = Review(otherCycle, rounds[Target.OtherNetwork], roundOfD, published: false),
            };
            Review(earlier, rounds[Target.BOpen], rounds[Target.APublished], published: false);
            Review(otherCycle, roundOfD, rounds[Target.OtherNetwork], published: false);
            db.LearningCycles.AddRange(earlier, current, otherCycle);
            await db.SaveChangesAsync(ct);
            foreach (var (target, review) in reviews)
            {
                world._learning[target] = new Dictionary<string, int>(StringComparer.Ordinal)
                {
                    ["{review}"] = review.Id,
                    ["{cycle}"] = review.CycleId,
                    ["{topic}"] = review.Topics[0].Id,
                    ["{evidence}"] = review.Evidence[0].Id,
                    ["{meeting}"] = review.Meetings[0].Id,
                    ["{action}"] = review.Actions[0].Id,
                };
            }

            foreach (var (target, round) in rounds)
            {
                var (_, link) = await MegaBench.Questionnaires.Questionnaire.IssueInvitationAsync(db, round.Organisations[0].Id, DateTimeOffset.UtcNow.AddDays(30), "route test", ct);
                world._targets[target] = (round.City!.NetworkId, round.CityId, round.Id, round.Organisations[0].Id, practices[round.City].Id, spares[round.City].Id, people[round.City], link);
            }

            return world;
        }

        public string Url(string template, Target target)
        {
            var t = _targets[target];
            foreach (var (placeholder, id) in _learning[target])
            {
                template = template.Replace(placeholder, id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            return template.Replace("{network}", $"{t.Network}", StringComparison.Ordinal)
                .Replace("{city}", $"{t.City}", StringComparison.Ordinal)
                .Replace("{round}", $"{t.Round}", StringComparison.Ordinal)
                .Replace("{organisation}", $"{t.Organisation}", StringComparison.Ordinal)
                .Replace("{practice}", $"{t.Practice}", StringComparison.Ordinal)
                .Replace("{spare-practice}", $"{t.SparePractice}", StringComparison.Ordinal)
                .Replace("{person}", t.Person, StringComparison.Ordinal)
                .Replace("{link}", t.Link, StringComparison.Ordinal);
        }

        /// <summary>What any change leaves behind: audited changes, accounts, roles, networks, security stamps.</summary>
        public async Task<string> SnapshotAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            await using var db = _database.NewContext();
            var stamps = string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.SecurityStamp).ToListAsync(ct));
            return $"{await db.AuditEntries.CountAsync(ct)} {await db.Users.CountAsync(ct)} {await db.RoleAssignments.CountAsync(ct)} {await db.Networks.CountAsync(ct)} {stamps.GetHashCode(StringComparison.Ordinal)}";
        }
    }
}

public sealed class RouteTableAccessAsAdministratorOfEveryNetworkTests
{
    [Fact]
    public Task Each_route_allows_or_refuses_the_role_as_its_rule_says() =>
        RouteTableAccessTests.EachRouteAllowsOrRefusesAsync(RouteTableAccessTests.Role.AdministratorOfEveryNetwork);
}

public sealed class RouteTableAccessAsAdministratorOfNetworkTests
{
    [Fact]
    public Task Each_route_allows_or_refuses_the_role_as_its_rule_says() =>
        RouteTableAccessTests.EachRouteAllowsOrRefusesAsync(RouteTableAccessTests.Role.AdministratorOfNetwork);
}

public sealed class RouteTableAccessAsCoordinatorOfATests
{
    [Fact]
    public Task Each_route_allows_or_refuses_the_role_as_its_rule_says() =>
        RouteTableAccessTests.EachRouteAllowsOrRefusesAsync(RouteTableAccessTests.Role.CoordinatorOfA);
}

public sealed class RouteTableAccessAsCoordinatorOfBTests
{
    [Fact]
    public Task Each_route_allows_or_refuses_the_role_as_its_rule_says() =>
        RouteTableAccessTests.EachRouteAllowsOrRefusesAsync(RouteTableAccessTests.Role.CoordinatorOfB);
}

public sealed class RouteTableAccessAsAnonymousTests
{
    [Fact]
    public Task Each_route_allows_or_refuses_the_role_as_its_rule_says() =>
        RouteTableAccessTests.EachRouteAllowsOrRefusesAsync(RouteTableAccessTests.Role.Anonymous);
}
