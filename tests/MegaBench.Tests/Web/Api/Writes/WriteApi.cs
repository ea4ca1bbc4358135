using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary>What the write API's tests share: a token caller, JSON in and out, and the audit rows a change left.</summary>
internal static class WriteApi
{
    /// <summary>Sends <paramref name="body"/> as JSON with the personal token <paramref name="secret"/> (none: anonymous).</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? secret, object? body = null) =>
        ApiTokenPeople.SendAsync(client, method, url, secret, body is null ? null : JsonContent.Create(body));

    /// <summary>
    /// A write from a browser that is not signed in but holds a valid antiforgery token (so that the request checks let
    /// it through and the endpoint itself answers).
    /// </summary>
    public static async Task<HttpResponseMessage> AnonymousAsync(MegaBenchAppFactory factory, HttpMethod method, string url, object? body = null)
    {
        var client = factory.CreateClient();
        var token = await JsonAsync(await client.GetAsync(new Uri("/api/antiforgery", UriKind.Relative), TestContext.Current.CancellationToken), HttpStatusCode.OK);
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The body, after checking the status (the message shows the body when it differs).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        if (body.Length > 0 && (int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The audit rows written since <paramref name="afterId"/>, as (type, action, actor, before, after): what the page and the API must both leave.</summary>
    public static async Task<List<string>> AuditSinceAsync(TestDatabase database, long afterId = 0)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.Where(e => e.Id > afterId).OrderBy(e => e.Id)
            .Select(e => e.EntityType + " " + e.EntityId + " " + e.Action + " " + e.ActorName + " " + e.Before + " → " + e.After)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<long> LastAuditIdAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id, TestContext.Current.CancellationToken) ?? 0;
    }
}
