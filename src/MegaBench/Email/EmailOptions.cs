namespace MegaBench.Email;

/// <summary>
/// The SMTP server invitations and reminders go through (configuration section <c>Email</c>). Without
/// <see cref="SmtpHost"/>, e-mail is off: the coordinator copies the links or downloads a CSV for mail merge.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>The server's host name; empty means e-mail is off.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>587 (submission with STARTTLS) by default; 465 means TLS from the first byte.</summary>
    public int SmtpPort { get; set; } = 587;

    /// <summary>Requires STARTTLS on a plain port (the default). Turn off only for a server on the same machine or in tests.</summary>
    public bool UseStartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, as <c>address</c> or <c>Name &lt;address&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>How long one connection or command may take before the recipient is reported as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SmtpHost);
}
