using Azure.Data.Tables;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CocReports.IntegrationTests;

/// <summary>
/// The conduct mailbox as a reporter and a mail system see it: real messages sent through smtp4dev's SMTP port, and
/// read back over its IMAP server to see which ones the app imported and removed.
/// </summary>
public sealed class ConductMailbox(string address)
{
    public string Address { get; } = address;

    /// <summary>A host's settings for polling test.sh's smtp4dev as the conduct mailbox at <paramref name="address"/>, and for its webhook.</summary>
    public static void Configure(IDictionary<string, string?> settings, string address, string webhookSecret, string pollEvery = "00:00:01")
    {
        settings["MailIntake:Address"] = address;
        settings["MailIntake:ImapHost"] = "127.0.0.1";
        settings["MailIntake:ImapPort"] = TestEnvironment.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["MailIntake:ImapSecurity"] = "None";
        settings["MailIntake:UserName"] = "conduct";
        settings["MailIntake:Password"] = "local";
        settings["MailIntake:OnlyAddressedToConduct"] = "true";
        settings["MailIntake:PollEvery"] = pollEvery;
        settings["MailIntake:WebhookSecret"] = webhookSecret;
    }

    /// <summary>The authserv-id the tests configure as the conduct mailbox's own server (MailIntake:AuthServId).</summary>
    public const string AuthServId = "mx.conduct.test";

    /// <summary>
    /// A message as the conduct mailbox's server delivers it from a sender whose domain checks out: with its
    /// Authentication-Results header saying DMARC passed.
    /// </summary>
    public static MimeMessage Message(string from, string to, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("Authentication-Results", $"{AuthServId}; dkim=pass header.i=@{from.Split('@')[1]}; dmarc=pass (p=NONE) header.from={from.Split('@')[1]}");
        return message;
    }

    /// <summary>Many messages over one SMTP session, as a flood arrives.</summary>
    public static async Task SendAllAsync(IEnumerable<MimeMessage> messages)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", TestEnvironment.SmtpPort, SecureSocketOptions.None);
        foreach (var message in messages)
        {
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(true);
    }

    public static async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", TestEnvironment.SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>How many messages with this subject the conduct mailbox holds.</summary>
    public static async Task<int> HeldAsync(string subject)
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var found = await client.Inbox.SearchAsync(Sent(subject));
        await client.DisconnectAsync(true);
        return found.Count;
    }

    /// <summary>Opens the messages with this subject as a person reading the mailbox in a mail client would: \Seen.</summary>
    public static async Task OpenAsync(string subject)
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var found = await client.Inbox.SearchAsync(Sent(subject));
        Assert.NotEmpty(found);
        await client.Inbox.StoreAsync(found, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true });
        await client.DisconnectAsync(true);
    }

    /// <summary>
    /// Waits until the app imported every message with this subject, which the hosts' default (MailIntake:ImportedMail
    /// Delete) then removes from the mailbox. smtp4dev holds a message once its SMTP session accepted it, so a message
    /// sent before is not taken for imported by arriving late.
    /// </summary>
    public static async Task WaitUntilImportedAsync(string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await HeldAsync(subject) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The message \"{subject}\" is still in the conduct mailbox.");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// How many of the <paramref name="sent"/> messages with this subject the app imported: with the hosts' default
    /// (MailIntake:ImportedMail Delete) the ones no longer in the mailbox; a deferred message stays.
    /// </summary>
    public static async Task<int> ImportedAsync(string subject, int sent) => sent - await HeldAsync(subject);

    public static async Task WaitUntilImportedAsync(string subject, int sent, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ImportedAsync(subject, sent) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} of the messages \"{subject}\" were imported.");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// A post to the inbound-mail webhook as the provider's relay signs it: the time of signing in Unix seconds, and the
    /// HMAC-SHA256 of that time, a full stop and the raw message (InboundMailWebhook).
    /// </summary>
    public static HttpRequestMessage WebhookPost(byte[] raw, string secret, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = System.Text.Encoding.ASCII.GetBytes(timestamp + ".").Concat(raw).ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail/inbound") { Content = new ByteArrayContent(raw) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-SHA256", Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), signed)));
        return request;
    }

    /// <summary>
    /// The webhook's answer to the headers of a post whose body is never sent: a raw HTTP/1.1 request that declares
    /// <paramref name="contentLength"/> bytes and then waits. An answer at all proves it came before the body was read.
    /// </summary>
    public static async Task<(int Status, string Head)> AnswerBeforeBodyAsync(Uri baseUrl, long contentLength, IEnumerable<(string Name, string Value)> headers)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = tcp.GetStream();
        var head = new System.Text.StringBuilder()
            .Append("POST /api/mail/inbound HTTP/1.1\r\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"Host: {baseUrl.Authority}\r\n")
            .Append("Content-Type: message/rfc822\r\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(System.Globalization.CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = new System.Text.StringBuilder();
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(timeout.Token)))
        {
            answer.Append(line).Append('\n');
        }

        var text = answer.ToString();
        return (int.Parse(text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), text);
    }

    /// <summary>The reports a host stored with this subject.</summary>
    public static async Task<List<Report>> ReportsAsync(LocalHostFixture host, string subject)
    {
        var store = host.Services.GetRequiredService<IReportStore>();
        var found = new List<Report>();
        await foreach (var entity in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            if (entity.GetString("Subject") == subject)
            {
                found.Add((await store.FindAsync(entity.PartitionKey, default))!);
            }
        }

        return found;
    }

    /// <summary>Messages to a test's conduct address, not the service's own mail repeating their subject (a receipt, say).</summary>
    static BinarySearchQuery Sent(string subject) => SearchQuery.SubjectContains(subject).And(SearchQuery.ToContains("conduct"));

    static async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", TestEnvironment.ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync("tests", "tests");
        return client;
    }
}
