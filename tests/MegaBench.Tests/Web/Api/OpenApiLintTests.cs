using System.Diagnostics;
using System.Text.Json;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Api;

/// <summary>
/// The served OpenAPI document passes <c>redocly lint</c> with its recommended rules, errors and warnings alike, and
/// says which credentials each operation takes.
/// </summary>
public sealed class OpenApiLintTests
{
    /// <summary>The version that installs here (see the tool library's npm list); pinned so that new rules do not fail old commits.</summary>
    private const string Redocly = "@redocly/cli@2.77.0";

    [Fact]
    public async Task The_served_document_passes_redocly_lint_with_the_recommended_rules()
    {
        var npx = TestEnvironment.RequireTool("npx", "apt-get install nodejs npm");
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var folder = Directory.CreateTempSubdirectory("megabench-openapi-");
        try
        {
            var file = Path.Combine(folder.FullName, "openapi.json");
            var cancel = TestContext.Current.CancellationToken;
            // As a deployment serves it: the document names the server it was asked on, and the rules refuse localhost.
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Host = "benchmark.network.test";
            await File.WriteAllTextAsync(file, await client.GetStringAsync("/openapi/v1.json", cancel), cancel);

            var start = new ProcessStartInfo(npx, ["--yes", Redocly, "lint", file, "--format=json"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder.FullName,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancel);
            var errors = process.StandardError.ReadToEndAsync(cancel);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var report = await output;
            Assert.True(report.TrimStart().StartsWith('{'), $"redocly lint did not run (exit code {process.ExitCode}):\n{report}\n{await errors}");

            using var result = JsonDocument.Parse(report);
            var problems = result.RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
                .ToList();
            Assert.True(problems.Count == 0, $"redocly lint found {problems.Count} problems:\n{string.Join("\n", problems)}");
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Each_operation_names_the_credentials_it_takes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var root = document.RootElement;

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("personalToken").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("session").GetProperty("in").GetString());

        string[] Alternatives(string path, string method) =>
        [
            .. root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security").EnumerateArray()
                .Select(requirement => string.Join("+", requirement.EnumerateObject().Select(p => p.Name)))
                .Order(StringComparer.Ordinal),
        ];

        // Published data: anyone, or a signed-in caller who may see more.
        Assert.Equal(["", "personalToken", "session"], Alternatives("/api/rounds/{id}", "get"));
        // A coordinator's action: signed in only.
        Assert.Equal(["personalToken", "session"], Alternatives("/api/organisations/{id}/invitation", "post"));
        Assert.True(root.GetProperty("paths").GetProperty("/api/organisations/{id}/invitation").GetProperty("post").GetProperty("responses").TryGetProperty("401", out _));
        // The questionnaire link is its own credential.
        Assert.Equal([""], Alternatives("/api/q/{token}", "get"));
    }
}
