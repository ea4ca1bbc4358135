using System.Collections.Concurrent;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace MegaBench.Tests.Web.Questionnaires;

/// <summary>The questionnaire link is a secret: it must not end up in the app's logs.</summary>
public sealed class LinkSecrecyTests
{
    /// <summary>Keeps every message (and exception) the app logs at the levels its configuration lets through.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> values
                    ? string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"))
                    : "";
                messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}");
            }
        }
    }

    [Fact]
    public async Task Using_and_guessing_links_writes_no_link_to_the_logs()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        var dead = await InvitedOrganisation.DeadLinkAsync(database, invited.Seed.OtherOrganisationId, "revoked");
        var capture = new CapturingLoggerProvider();
        await using var factory = new MegaBenchAppFactory(database);
        using var logged = factory.WithWebHostBuilder(b => b.ConfigureLogging(logging => logging.AddProvider(capture)));
        var client = logged.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        await client.SubmitFormAsync(invited.Page, new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes" });
        await client.GetAsync(new Uri($"{invited.Page}/review", UriKind.Relative), TestContext.Current.CancellationToken);
        await client.GetAsync(new Uri(invited.Api, UriKind.Relative), TestContext.Current.CancellationToken);
        await QuestionnaireApi.PutAnswerAsync(client, invited, "AAA-1.02", "no", 0);
        await QuestionnaireApi.PutAnswerAsync(client, invited, "AAA-1.02", "yes", 0);
        await client.GetAsync(new Uri($"/q/{dead}", UriKind.Relative), TestContext.Current.CancellationToken);
        await client.GetAsync(new Uri($"/api/q/{dead}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.NotEmpty(capture.Messages);
        foreach (var secret in new[] { invited.Token, dead })
        {
            var part = secret[..16];
            Assert.DoesNotContain(capture.Messages, m => m.Contains(part, StringComparison.Ordinal));
        }
    }
}
