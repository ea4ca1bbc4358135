using System.Net.Http.Json;
using System.Text.Json;
using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api;

/// <summary>Published data names no member of staff: who changed an answer is for the city's staff only.</summary>
public sealed class PublishedPeopleTests
{
    [Fact]
    public async Task A_coordinators_name_is_in_neither_the_public_answers_nor_the_public_round_file()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Hub", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes, "Since 2016."))
            .BuildAsync(database);
        await using (var db = database.NewContext())
        {
            await db.Answers.Where(a => a.OrganisationId == round.Organisations["Hub"])
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedBy, "Coord A"), Ct);
        }

        await using var factory = new MegaBenchAppFactory(database);
        var anonymous = factory.CreateClient();
        var answers = await anonymous.GetFromJsonAsync<JsonElement>($"/api/organisations/{round.Organisations["Hub"]}/answers", Ct);
        var file = await anonymous.GetStringAsync($"/rounds/{round.RoundId}/export.json", Ct);
        var administrator = await factory.CreateAdministratorBrowserAsync();
        var staffAnswers = await administrator.GetFromJsonAsync<JsonElement>($"/api/organisations/{round.Organisations["Hub"]}/answers", Ct);

        var answer = answers.EnumerateArray().Single(a => a.GetProperty("indicatorCode").GetString() == "AAA-1.01");
        Assert.Equal("Since 2016.", answer.GetProperty("comment").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("updatedBy").ValueKind);
        Assert.Contains("Since 2016.", file, StringComparison.Ordinal);
        Assert.DoesNotContain("Coord A", file, StringComparison.Ordinal);
        Assert.Equal("Coord A", staffAnswers.EnumerateArray().Single(a => a.GetProperty("indicatorCode").GetString() == "AAA-1.01").GetProperty("updatedBy").GetString());
    }
}
