using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MegaBench.Email;

/// <summary>One e-mail to one recipient, in plain text.</summary>
public sealed record EmailMessage(string To, string Subject, string Body)
{
    /// <summary>What the caller uses to match the result to its own row (e.g. the organisation's id).</summary>
    public object? Tag { get; init; }
}

/// <summary>What happened to one message: sent, or the reason it was not.</summary>
public sealed record EmailResult(EmailMessage Message, bool Sent, string? Error);

/// <summary>
/// Sends invitations and reminders through the configured SMTP server with MailKit, one message per recipient,
/// and reports each recipient's outcome: a message is never dropped without a result saying why.
/// </summary>
/// <remarks>
/// The messages of one call share a connection. A recipient the server refuses fails alone and the others are
/// still sent; a connection that drops is opened again for the remaining messages; a server that cannot be
/// reached fails every remaining message with that reason. Nothing is retried silently: the caller shows the
/// failures and the person decides.
/// </remarks>
public sealed class EmailSender(EmailOptions options)
{
    public bool IsEnabled => options.IsEnabled;

    public async Task<IReadOnlyList<EmailResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!IsEnabled)
        {
            throw new InvalidOperationException("E-mail is off: set Email:SmtpHost to send mail.");
        }

        var results = new List<EmailResult>(messages.Count);
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        var from = options.From ?? $"megabench@{options.SmtpHost}";
        string? unreachable = TryParseAddress(from, out var sender)
            ? null
            : $"The sender address '{from}' (Email:From) is not an e-mail address: correct the configuration.";
        foreach (var message in messages)
        {
            if (unreachable is not null)
            {
                results.Add(new EmailResult(message, false, unreachable));
                continue;
            }

            if (!TryParseAddress(message.To, out var to))
            {
                results.Add(new EmailResult(message, false, $"'{message.To}' is not an e-mail address."));
                continue;
            }

            if (!client.IsConnected)
            {
                try
                {
                    await ConnectAsync(client, cancellationToken);
                }
                catch (Exception e) when (e is SocketException or IOException or SslHandshakeException or AuthenticationException or SmtpCommandException or SmtpProtocolException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    unreachable = $"The mail server {options.SmtpHost}:{options.SmtpPort} could not be used: {e.Message}";
                    results.Add(new EmailResult(message, false, unreachable));
                    continue;
                }
            }

            try
            {
                await client.SendAsync(Build(message, sender!, to!), cancellationToken);
                results.Add(new EmailResult(message, true, null));
            }
            catch (SmtpCommandException e)
            {
                // The server refused this message or recipient (e.g. 550 mailbox unavailable): the session goes on.
                results.Add(new EmailResult(message, false, $"The mail server refused it: {e.Message} ({(int)e.StatusCode})."));
            }
            catch (Exception e) when (e is SmtpProtocolException or IOException or ServiceNotConnectedException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                results.Add(new EmailResult(message, false, $"The connection to the mail server failed: {e.Message}"));
                await DisconnectQuietlyAsync(client);
            }
        }

        if (client.IsConnected)
        {
            await DisconnectQuietlyAsync(client);
        }

        return results;
    }

    /// <summary>An address with a domain: MimeKit alone also takes a bare local part such as "nobody".</summary>
    private static bool TryParseAddress(string? text, out MailboxAddress? address)
    {
        address = null;
        if (text is null || !MailboxAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        var at = parsed.Address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == parsed.Address.Length - 1)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var security = options.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect
            : options.UseStartTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;
        await client.ConnectAsync(options.SmtpHost!, options.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }
    }

    private static async Task DisconnectQuietlyAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
        {
            // The connection is gone either way; the messages' results are already recorded.
        }
    }

    private static MimeMessage Build(EmailMessage message, MailboxAddress from, MailboxAddress to)
    {
        var mime = new MimeMessage { Subject = message.Subject, Body = new TextPart("plain") { Text = message.Body } };
        mime.From.Add(from);
        mime.To.Add(to);
        return mime;
    }
}
