namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// Decides what a message is before anything answers it. RFC 3834 asks responders never to answer automatic mail
/// (Auto-Submitted other than "no"), and a bounce has a null sender: answering either makes a mail loop. Mail from
/// the service's own addresses is never a report.
/// </summary>
public sealed class MailClassifier(MailIntakeOptions options, ReplyAddress replies)
{
    public InboundMailKind Classify(InboundMail mail, IEnumerable<string> ownAddresses)
    {
        var from = mail.FromAddress?.Trim() ?? "";
        var own = ownAddresses.Append(options.Address).Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        if (own.Any(a => SameAddress(a, from)) || replies.IsReplyAddress(from))
        {
            return InboundMailKind.OwnMail;
        }

        if (mail.IsDeliveryReport
            || mail.ReturnPath is { } returnPath && returnPath.Trim().Trim('<', '>').Length == 0
            || from.Length == 0
            || from.StartsWith("mailer-daemon@", StringComparison.OrdinalIgnoreCase)
            || from.StartsWith("postmaster@", StringComparison.OrdinalIgnoreCase))
        {
            return InboundMailKind.Bounce;
        }

        if (mail.AutoSubmitted is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)
            || mail.Precedence?.Trim().ToLowerInvariant() is "bulk" or "list" or "junk"
            || mail.HasAutoResponderHeader)
        {
            return InboundMailKind.AutoReply;
        }

        return mail.Recipients.Any(r => replies.ReferenceOf(r) is not null) ? InboundMailKind.Reply : InboundMailKind.Report;
    }

    static bool SameAddress(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
