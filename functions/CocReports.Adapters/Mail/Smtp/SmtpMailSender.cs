using CocReports.Adapters.Mail.OpenPgp;
using CocReports.Procedure.Mail;
using MailKit.Net.Smtp;
using MimeKit;

namespace CocReports.Adapters.Mail.Smtp;

/// <summary>
/// Sends each message over SMTP with MailKit, on a session kept from an earlier mail when there is one
/// (<see cref="SmtpConnections"/>). Any failure throws, so the workflow's retry policy resends. A mail for a
/// recipient's OpenPGP key goes as PGP/MIME, its subject and addresses the only readable parts.
/// </summary>
public sealed class SmtpMailSender(SmtpOptions smtp, MailOptions sender, TimeProvider clock) : IMailSender, IDisposable
{
    readonly SmtpConnections connections = new(smtp, clock);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        using var mime = new MimeMessage
        {
            MessageId = mail.MessageId,
            Subject = mail.Subject,
            Body = mail.OpenPgpKey is null ? body : OpenPgpEnvelope.Seal(body, RecipientKey.Parse(mail.OpenPgpKey, clock.GetUtcNow())),
        };
        mime.From.Add(new MailboxAddress(sender.FromName, sender.FromAddress));
        mime.To.Add(new MailboxAddress(mail.To.Name, mail.To.Email));
        if (mail.ReplyTo is not null)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(mail.ReplyTo));
        }

        if (mail.InReplyTo is not null)
        {
            mime.InReplyTo = mail.InReplyTo;
            mime.References.Add(mail.InReplyTo);
        }

        var (client, reused) = await connections.TakeAsync(cancellationToken);
        try
        {
            await client.SendAsync(mime, cancellationToken);
        }
        catch (Exception e) when (reused && ClosedMeanwhile(e))
        {
            // The server closed a kept session meanwhile: once more on a new session, rather than leaving this
            // recipient to the workflow's next retry.
            client.Dispose();
            client = await connections.ConnectAsync(cancellationToken);
            await SendOrDisposeAsync(client, mime, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        connections.Return(client);
    }

    public void Dispose() => connections.Dispose();

    /// <summary>A dropped connection, or a server saying it is closing the session (421); not a refusal of this mail.</summary>
    static bool ClosedMeanwhile(Exception e) =>
        e is not OperationCanceledException && (e is not SmtpCommandException command || command.StatusCode == SmtpStatusCode.ServiceNotAvailable);

    static async Task SendOrDisposeAsync(SmtpClient client, MimeMessage mime, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(mime, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
