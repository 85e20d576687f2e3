using CocReports.Adapters.Mail.OpenPgp;
using CocReports.Procedure.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CocReports.Adapters.Mail.Smtp;

/// <summary>
/// Sends each message over SMTP with MailKit. Any failure throws, so the workflow's retry policy resends. A mail for a
/// recipient's OpenPGP key goes as PGP/MIME, its subject and addresses the only readable parts.
/// </summary>
public sealed class SmtpMailSender(SmtpOptions smtp, MailOptions sender, TimeProvider clock) : IMailSender
{
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

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
