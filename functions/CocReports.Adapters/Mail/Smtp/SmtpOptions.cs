using System.ComponentModel.DataAnnotations;

namespace CocReports.Adapters.Mail.Smtp;

/// <summary>An SMTP server: smtp4dev locally, or any provider (ACS's SMTP relay included). Bound from "Mail:Smtp".</summary>
public sealed class SmtpOptions
{
    public const string Section = "Mail:Smtp";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 2525;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>None (local only), StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "StartTls";
}
