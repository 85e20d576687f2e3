using System.ComponentModel.DataAnnotations;

namespace CocReports.Procedure.Intake.Mail;

/// <summary>The conduct mailbox and the email doors. Bound from the "MailIntake" section; the door is off while Address is empty.</summary>
public sealed class MailIntakeOptions
{
    public const string Section = "MailIntake";

    /// <summary>The committee's address reporters write to, e.g. conduct@example.org. Replies into a case go to its plus-addresses.</summary>
    public string Address { get; set; } = "";

    /// <summary>The IMAP server holding the conduct mailbox. Empty: no polling (the webhook may still deliver).</summary>
    public string ImapHost { get; set; } = "";

    [Range(1, 65535)]
    public int ImapPort { get; set; } = 993;

    /// <summary>None (local only), StartTls or SslOnConnect.</summary>
    public string ImapSecurity { get; set; } = "SslOnConnect";

    public string UserName { get; set; } = "";

    /// <summary>
    /// How the poll signs in: Password, AccessToken (a token someone keeps fresh) or Microsoft365 (the app asks Entra ID
    /// for a new token on each connection, so an Exchange Online mailbox is read unattended). Empty: AccessToken when one
    /// is set, else Password, as before the setting existed.
    /// </summary>
    public string SignIn { get; set; } = "";

    /// <summary>The mailbox password (an app password), from Key Vault in Azure.</summary>
    public string? Password { get; set; }

    /// <summary>An OAuth2 access token (XOAUTH2) instead of a password. It expires within hours; Microsoft 365 uses SignIn=Microsoft365 instead.</summary>
    public string? AccessToken { get; set; }

    /// <summary>With SignIn=Microsoft365: the Entra ID tenant (directory) the app registration lives in.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>With SignIn=Microsoft365: the app registration's application (client) ID, the one Exchange Online was given mailbox access for.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>With SignIn=Microsoft365: the app registration's client secret, from Key Vault in Azure.</summary>
    public string? ClientSecret { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>
    /// Only messages whose To names the conduct address's local part: for a folder that holds other mail too
    /// (smtp4dev's single INBOX). A dedicated mailbox leaves it off, so a report sent as Bcc is not missed.
    /// </summary>
    public bool OnlyAddressedToConduct { get; set; }

    /// <summary>
    /// What becomes of a message once imported. Delete by default: the stored report is the record and goes at its
    /// retention, while a copy left in the mailbox keeps everything the reporter sent for as long as nobody clears it.
    /// </summary>
    public ImportedMail ImportedMail { get; set; } = ImportedMail.Delete;

    [Positive]
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The authserv-id the conduct mailbox's own server writes in its Authentication-Results headers (mx.google.com
    /// for Gmail and Google Workspace): only its verdict on the From address is trusted. Empty: the From address is
    /// trusted as written.
    /// </summary>
    public string AuthServId { get; set; } = "";

    /// <summary>How many receipts one sender is emailed a day; more reports are kept, without a receipt.</summary>
    [Range(0, int.MaxValue)]
    public int ReceiptsPerSenderPerDay { get; set; } = 5;

    /// <summary>
    /// The shared secret of the inbound-mail webhook (HMAC-SHA256 of "timestamp.body", see InboundMailWebhook). Empty:
    /// the webhook refuses everything.
    /// </summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>
    /// The largest raw message either door reads: the webhook checks it against Content-Length before anything is
    /// spooled, the mailbox against the size the server gives (RFC822.SIZE) before downloading, and sets a larger
    /// message aside. No provider delivers more. SendGrid's Inbound Parse, the one that posts the whole raw message, documents "The total
    /// message size limit, including the message itself and any number of attachments, is 30MB"
    /// (https://www.twilio.com/docs/sendgrid/for-developers/parsing-email/inbound-email).
    /// </summary>
    [Positive]
    public long MaxMessageBytes { get; set; } = 30L * 1024 * 1024;
}
