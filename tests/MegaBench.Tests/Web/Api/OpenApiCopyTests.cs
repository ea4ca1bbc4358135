using System.Text.Json.Nodes;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Api;

/// <summary>
/// The checked-in copy of the OpenAPI document (<c>tests/MegaBench.ApiClient/openapi.json</c>), from which the build
/// generates the client of <see cref="GeneratedClientTests"/>, is the document the app serves (compared as JSON, so the
/// copy's layout does not matter). <c>scripts/update-openapi-copy.sh</c> refreshes it.
/// </summary>
public sealed class OpenApiCopyTests
{
    public static string CopyPath => Path.Combine(TestEnvironment.RepositoryRoot(), "tests", "MegaBench.ApiClient", "openapi.json");

    [Fact]
    public async Task The_checked_in_copy_is_the_served_document()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct))!;

        var copy = JsonNode.Parse(await File.ReadAllTextAsync(CopyPath, Ct));
        Assert.True(JsonNode.DeepEquals(served, copy),
            $"{CopyPath} differs from the document the app serves at /openapi/v1.json. Refresh it with scripts/update-openapi-copy.sh (the next build regenerates the client from it), then review and commit the change.");
    }
}
