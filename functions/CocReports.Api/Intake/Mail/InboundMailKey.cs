using System.Security.Cryptography;
using System.Text;
using CocReports.Procedure.Intake.Mail;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// Names a message for idempotency: its Message-ID (or, without one, its raw bytes) together with what it says, so a
/// redelivery is recognised while another message reusing the same Message-ID is still a report of its own.
/// </summary>
public static class InboundMailKey
{
    public static string Of(InboundMail mail)
    {
        var content = SHA256.HashData(Encoding.UTF8.GetBytes($"{mail.FromAddress}\n{mail.Subject}\n{mail.Text}\n{string.Join("\n", mail.Attachments.Select(a => a.FileName))}"));
        return "mail:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{mail.MessageId ?? mail.RawSha256}\n{Convert.ToHexStringLower(content)}")));
    }
}
