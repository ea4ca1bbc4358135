using System.Net;
using System.Text.Json.Nodes;
using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Questionnaires;
using MegaBench.Tests.Web.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Answers;

/// <summary>
/// One answer rule whatever the screen (issue 16, part 1): the same typed texts sent through each of the five paths
/// that save an answer — the autosave API (the prepared-SQL writer), the questionnaire's form without JavaScript, the
/// coordinator's form, the offline questionnaire file and the coordinator's API (issue 17) — are stored as byte-identical rows with byte-identical
/// audit rows (apart from ids, who and when), and a text over its limit is refused by every path.
/// </summary>
public sealed class EveryAnswerPathTests
{
    /// <summary>A text whose cleaned form is exactly <paramref name="limit"/> characters, typed with a CRLF (one more).</summary>
    private static string AtLimit(int limit) => new string('a', (limit / 2) - 1) + "\r\n" + new string('b', limit - (limit / 2));

    /// <summary>Statement → (comment, evidence) as typed, one case per statement of group AAA.</summary>
    private static readonly Dictionary<string, (string Comment, string Evidence)> Typed = new(StringComparer.Ordinal)
    {
        ["AAA-1.01"] = ("  Since 2016.\r\nStill.  ", "https://example.org/report  "),
        ["AAA-1.02"] = ("Cafe\u0301 du coin", "e\u0301te\u0301 2019"),
        ["AAA-2.01"] = (AtLimit(TextLimits.AnswerComment), AtLimit(TextLimits.AnswerEvidence)),
        ["AAA-2.02"] = ("", ""),
        ["AAA-3.01"] = (" \r\n\t ", "   "),
    };

    private const string OverLimitCode = "AAA-3.02";

    private static readonly string OverLimit = new('c', TextLimits.AnswerComment + 1);

    private static readonly string[] Paths = ["Autosave", "Questionnaire form", "Coordinator form", "Offline file", "Coordinator API"];

    [Fact]
    public async Task The_same_input_is_stored_the_same_by_every_path_and_a_text_over_its_limit_is_refused_by_each()
    {
        Assert.Equal(TextLimits.AnswerComment, AnswerText.Clean(Typed["AAA-2.01"].Comment)!.Length);
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation(Paths[0], "AAA").WithOrganisation(Paths[1], "AAA").WithOrganisation(Paths[2], "AAA").WithOrganisation(Paths[3], "AAA").WithOrganisation(Paths[4], "AAA")
            .BuildAsync(database);
        var ids = Paths.Select(p => round.Organisations[p]).ToArray();
        string autosaveToken, formToken;
        await using (var db = database.NewContext())
        {
            autosaveToken = (await Questionnaire.IssueInvitationAsync(db, ids[0], DateTimeOffset.UtcNow.AddDays(30), "Ada Coordinator", Ct)).Token;
            formToken = (await Questionnaire.IssueInvitationAsync(db, ids[1], DateTimeOffset.UtcNow.AddDays(30), "Ada Coordinator", Ct)).Token;
        }

        await using var factory = new MegaBenchAppFactory(database);
        var codes = round.Framework.Groups.Single(g => g.Code == "AAA").Indicators.Select(i => i.Code).ToList();

        // 1. The autosave API, one statement at a time.
        var respondent = factory.CreateBrowser();
        var autosave = new InvitedOrganisation(null!, autosaveToken);
        foreach (var (code, (comment, evidence)) in Typed)
        {
            using var saved = await QuestionnaireApi.PutAnswerAsync(respondent, autosave, code, "Yes", 0, comment, evidence);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using (var refused = await QuestionnaireApi.PutAnswerAsync(respondent, autosave, OverLimitCode, "No", 0, OverLimit))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // 2. The questionnaire's form without JavaScript, every statement in one post; the over-long one alone.
        var questionnaire = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await questionnaire.SubmitFormAsync($"/q/{formToken}", Form(codes, "Yes", Typed))).StatusCode);
        var refusedPage = await questionnaire.SubmitFormAsync($"/q/{formToken}", Form(codes, "No", new() { [OverLimitCode] = (OverLimit, "") }));
        Assert.Equal(HttpStatusCode.OK, refusedPage.StatusCode);

        // 3. The coordinator's form.
        var coordinator = factory.CreateBrowser();
        await coordinator.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitFormAsync($"/organisations/{ids[2]}/answers", Form(codes, "Yes", Typed))).StatusCode);
        var refusedForm = await coordinator.SubmitFormAsync($"/organisations/{ids[2]}/answers", Form(codes, "No", new() { [OverLimitCode] = (OverLimit, "") }));
        Assert.Equal(HttpStatusCode.OK, refusedForm.StatusCode);

        // 4. The offline questionnaire file, filled in a spreadsheet and imported.
        var rows = codes.Select((code, i) => (code, Row: 8 + i)).ToDictionary(x => x.code, x => x.Row, StringComparer.Ordinal);
        var blank = await DownloadAsync(database, ids[3]);
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, (comment, evidence)) in Typed)
        {
            (cells[$"D{rows[code]}"], cells[$"E{rows[code]}"], cells[$"F{rows[code]}"]) = ("Yes", comment, evidence);
        }

        Assert.True((await ImportAsync(database, ids[3], XlsxCells.Fill(blank, cells))).Applied);
        var overLong = XlsxCells.Fill(blank, new Dictionary<string, string> { [$"D{rows[OverLimitCode]}"] = "No", [$"E{rows[OverLimitCode]}"] = OverLimit });
        Assert.False((await ImportAsync(database, ids[3], overLong)).Applied);

        // 5. The coordinator's API, one statement at a time with a personal token.
        var (_, secret) = await MegaBench.Tests.Web.Security.ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
        var api = factory.CreateClient();
        foreach (var (code, (comment, evidence)) in Typed)
        {
            using var saved = await MegaBench.Tests.Web.Api.Writes.WriteApi.SendAsync(api, HttpMethod.Put, $"/api/organisations/{ids[4]}/answers/{code}", secret, new { value = "yes", comment, evidence, expectedVersion = 0 });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using (var refused = await MegaBench.Tests.Web.Api.Writes.WriteApi.SendAsync(api, HttpMethod.Put, $"/api/organisations/{ids[4]}/answers/{OverLimitCode}", secret, new { value = "no", comment = OverLimit, expectedVersion = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // The stored rows and the audit rows are the same, path for path, statement for statement.
        await using var read = database.NewContext();
        var answers = await read.Answers.AsNoTracking().Where(a => ids.Contains(a.OrganisationId)).ToListAsync(Ct);
        Assert.DoesNotContain(answers, a => a.IndicatorCode == OverLimitCode);
        var audits = await read.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Answer)).Select(e => e.After!).ToListAsync(Ct);
        foreach (var (code, (comment, evidence)) in Typed)
        {
            var stored = ids.Select(id => answers.Single(a => a.OrganisationId == id && a.IndicatorCode == code)).ToList();
            Assert.All(stored, a => Assert.Equal((AnswerValue.Yes, AnswerText.Clean(comment), AnswerText.Clean(evidence), 1), (a.Value, a.Comment, a.Evidence, a.Version)));
            var rowsByPath = stored.Select(a => $"{a.Value}|{a.Comment}|{a.Evidence}|{a.CoordinatorNote}|{a.Version}|{a.CarriedOverFrom}").ToList();
            Assert.All(rowsByPath, r => Assert.Equal(rowsByPath[0], r));

            var audited = audits.Select(a => JsonNode.Parse(a)).Where(n => (string?)n!["IndicatorCode"] == code).Select(Comparable).ToList();
            Assert.Equal(Paths.Length, audited.Count);
            Assert.All(audited, a => Assert.Equal(audited[0], a));
        }
    }

    /// <summary>The form fields for the given statements (by their index among the group's statements).</summary>
    private static Dictionary<string, string?> Form(List<string> codes, string value, Dictionary<string, (string Comment, string Evidence)> typed)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (code, (comment, evidence)) in typed)
        {
            var i = codes.IndexOf(code);
            fields[$"Answers[{i}].Value"] = value;
            fields[$"Answers[{i}].Comment"] = comment;
            fields[$"Answers[{i}].Evidence"] = evidence;
        }

        return fields;
    }

    /// <summary>An audit value without what differs by design between two organisations' answers (ids, who, when).</summary>
    private static string Comparable(JsonNode? after)
    {
        var node = after!.AsObject();
        foreach (var key in new[] { "Id", "OrganisationId", "UpdatedBy", "UpdatedAt" })
        {
            node.Remove(key);
        }

        return node.ToJsonString();
    }

    private static async Task<byte[]> DownloadAsync(TestDatabase database, int organisationId)
    {
        await using var db = database.NewContext();
        var organisation = await db.Organisations.Include(o => o.Round).ThenInclude(r => r!.Framework).Include(o => o.Round).ThenInclude(r => r!.City)
            .Include(o => o.Answers).SingleAsync(o => o.Id == organisationId, Ct);
        using var output = new MemoryStream();
        await QuestionnaireXlsx.WriteAsync(organisation, FrameworkStore.Read(organisation.Round!.Framework!), QuestionnaireTexts.English, output, Ct);
        return output.ToArray();
    }

    private static async Task<ImportReport> ImportAsync(TestDatabase database, int organisationId, byte[] file)
    {
        await using var db = database.NewContext();
        return await QuestionnaireImport.ImportAsync(db, organisationId, new MemoryStream(file), [QuestionnaireTexts.English], "importer", DateTimeOffset.UtcNow, null, Ct);
    }
}
