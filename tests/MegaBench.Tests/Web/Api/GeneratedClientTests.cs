using System.Net.Http.Headers;
using System.Text.Json;
using MegaBench.ApiClient;
using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;

namespace MegaBench.Tests.Web.Api;

/// <summary>
/// A benchmark from start to export through the C# client that NSwag generates at build time from the checked-in
/// OpenAPI document (tests/MegaBench.ApiClient; <see cref="OpenApiCopyTests"/> keeps it equal to the served one). The
/// test calls the API only through that client, so a document that names a wrong type, leaves a body or a response
/// untyped, or lacks an operation the flow needs fails it here (issue 17). Only the account, its token and the
/// framework version are set up directly: the API does not create them.
/// </summary>
public sealed class GeneratedClientTests
{
    [Fact]
    public async Task A_client_generated_from_the_document_runs_a_benchmark_from_network_to_export()
    {
        await using var database = await TestDatabase.CreateAsync();
        var framework = new FrameworkBuilder().Build();
        await using (var db = database.NewContext())
        {
            await FrameworkStore.RegisterAsync(db, framework, cancellationToken: Ct);
        }

        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "admin@example.org");
        await using var factory = new MegaBenchAppFactory(database);
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var api = new MegaBenchClient(http);

        // 1. A network, two cities of different countries, a round each, and one organisation per round.
        var version = (await api.ListFrameworksAsync(Ct)).Single(f => f.Id == framework.Id);
        var network = await api.CreateNetworkAsync(new NetworkInput { Name = "Client network", Description = "Made by the generated client." }, Ct);
        var lyon = await StartRoundAsync(api, network.Id, "Lyon", "France", version.StoredId);
        var turin = await StartRoundAsync(api, network.Id, "Turin", "Italy", version.StoredId);

        // 2. Answers, each saved on the version read: Lyon does everything its statements say, Turin nothing.
        await AnswerAllAsync(api, lyon.Organisation, AnswerValue.Yes);
        await AnswerAllAsync(api, turin.Organisation, AnswerValue.No);
        var lyonAnswers = await api.ListOrganisationAnswersAsync(lyon.Organisation, Ct);
        Assert.All(lyonAnswers, a => Assert.Equal((AnswerValue.Yes, 1, "admin"), (a.Value, a.Version, a.UpdatedBy)));

        // 3. A questionnaire link; the organisation has answers already, so its questionnaire is in progress.
        var link = await api.IssueInvitationAsync(lyon.Organisation, 10, Ct);
        Assert.Equal(lyon.Organisation, link.OrganisationId);
        Assert.EndsWith(link.Token, link.Url, StringComparison.Ordinal);
        Assert.Equal(QuestionnaireState.InProgress, (await api.GetQuestionnaireStatusAsync(lyon.Organisation, Ct)).State);

        // 4. Publication, confirmed with the summary's token; the summary names the questionnaire not submitted.
        foreach (var (round, organisation) in new[] { lyon, turin })
        {
            var summary = await api.GetPublicationSummaryAsync(round, Ct);
            Assert.Equal([organisation], summary.NotSubmitted.Select(p => p.OrganisationId));
            Assert.Equal(RoundStatus.Published, (await api.PublishRoundAsync(round, new PublishInput { Token = summary.Token }, Ct)).Status);
        }

        // 5. Scores and matching: the levels follow the answers entered.
        var lyonScores = await api.GetRoundScoresAsync(lyon.Round, Ct);
        var turinScores = await api.GetRoundScoresAsync(turin.Round, Ct);
        Assert.Equal(("Lyon", RoundStatus.Published), (lyonScores.City, lyonScores.Status));
        Assert.Equal([("Client AAA", 3)], lyonScores.Score.Groups.SelectMany(g => g.Organisations).Select(o => (o.Name, o.Level)));
        Assert.Equal([("Client AAA", 0)], turinScores.Score.Groups.SelectMany(g => g.Organisations).Select(o => (o.Name, o.Level)));
        var matching = await api.GetNetworkMatchingAsync(network.Id, acrossCountries: true, exclude: [], force: [], Ct);
        Assert.Equal(["Lyon", "Turin"], matching.Cities.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Lyon", "Turin"], Assert.Single(matching.Pairs).Members.Select(m => m.Name).Order(StringComparer.Ordinal));

        // 6. The round's JSON export: the whole round, with the answers entered.
        using var export = await api.ExportRoundAsync(lyon.Round, "json", Ct);
        Assert.Equal("application/json", export.Headers["Content-Type"].Single().Split(';')[0]);
        using var file = await JsonDocument.ParseAsync(export.Stream, cancellationToken: Ct);
        Assert.Contains("\"Client AAA\"", file.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<(int Round, int Organisation)> StartRoundAsync(MegaBenchClient api, int networkId, string name, string country, int frameworkId)
    {
        var city = await api.CreateCityAsync(networkId, new CityInput { Name = name, Country = country }, Ct);
        var round = await api.CreateRoundAsync(city.Id, new RoundInput { Year = 2026, FrameworkId = frameworkId }, Ct);
        Assert.Equal((city.Id, RoundStatus.Open, null), (round.Round.CityId, round.Round.Status, round.Carried));
        var organisation = await api.CreateOrganisationAsync(round.Round.Id, new OrganisationInput
        {
            Name = "Client AAA",
            GroupCode = "AAA",
            Kind = OrganisationKind.Defaults[0].Code,
        }, Ct);
        return (round.Round.Id, organisation.Id);
    }

    private static async Task AnswerAllAsync(MegaBenchClient api, int organisation, AnswerValue value)
    {
        foreach (var answer in await api.ListOrganisationAnswersAsync(organisation, Ct))
        {
            var saved = await api.SaveOrganisationAnswerAsync(organisation, answer.IndicatorCode, new CoordinatorAnswerInput
            {
                Value = value,
                Comment = "Entered through the generated client.",
                ExpectedVersion = answer.Version,
            }, Ct);
            Assert.Equal((value, answer.Version + 1), (saved.Value, saved.Version));
        }
    }
}
