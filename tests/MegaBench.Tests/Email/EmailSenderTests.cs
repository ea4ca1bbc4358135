using MegaBench.Email;

namespace MegaBench.Tests.Email;

public sealed class EmailSenderTests
{
    private static EmailSender SenderFor(int port) => new(new EmailOptions
    {
        SmtpHost = "127.0.0.1",
        SmtpPort = port,
        UseStartTls = false,
        From = "MegaBench <coordinator@example.org>",
        TimeoutSeconds = 10,
    });

    [Fact]
    public async Task Each_recipient_gets_one_message_with_the_subject_and_body()
    {
        await using var server = TestSmtpServer.Start();

        var results = await SenderFor(server.Port).SendAsync(
            [new("alpha@example.org", "Your questionnaire", "Open https://example.org/q/abc"), new("beta@example.org", "Your questionnaire", "Open https://example.org/q/def")],
            TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.True(r.Sent, r.Error));
        var messages = server.Messages.ToList();
        Assert.Equal(["alpha@example.org", "beta@example.org"], messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(messages, m => Assert.Equal(("Your questionnaire", "coordinator@example.org"), (m.Subject, m.From.Mailboxes.Single().Address)));
        Assert.Contains("https://example.org/q/abc", messages.Single(m => m.To.Mailboxes.Single().Address == "alpha@example.org").TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_recipient_is_reported_alone_and_the_others_are_sent()
    {
        await using var server = TestSmtpServer.Start();

        var results = await SenderFor(server.Port).SendAsync(
            [new("alpha@example.org", "S", "B"), new("refused@example.org", "S", "B"), new("not an address", "S", "B"), new("gamma@example.org", "S", "B")],
            TestContext.Current.CancellationToken);

        Assert.Equal([true, false, false, true], results.Select(r => r.Sent));
        Assert.Contains("refused", results[1].Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("550", results[1].Error, StringComparison.Ordinal);
        Assert.Equal("'not an address' is not an e-mail address.", results[2].Error);
        Assert.Equal(["alpha@example.org", "gamma@example.org"], server.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());
    }

    [Fact]
    public async Task A_server_that_refuses_connections_fails_every_recipient_with_the_reason()
    {
        var port = TestSmtpServer.FreePort();

        var results = await SenderFor(port).SendAsync(
            [new("alpha@example.org", "S", "B"), new("beta@example.org", "S", "B")],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.False(r.Sent);
            Assert.StartsWith($"The mail server 127.0.0.1:{port} could not be used:", r.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_sender_address_that_is_not_one_fails_every_recipient_with_what_to_correct()
    {
        await using var server = TestSmtpServer.Start();
        var sender = new EmailSender(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = server.Port, UseStartTls = false, From = "nobody" });

        var results = await sender.SendAsync([new("alpha@example.org", "S", "B")], TestContext.Current.CancellationToken);

        Assert.Contains("Email:From", Assert.Single(results).Error, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public void Without_a_host_email_is_off()
    {
        Assert.False(new EmailSender(new EmailOptions()).IsEnabled);
        Assert.False(new EmailSender(new EmailOptions { SmtpHost = " " }).IsEnabled);
    }
}
