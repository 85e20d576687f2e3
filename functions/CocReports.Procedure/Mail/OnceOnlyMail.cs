using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Mail;

/// <summary>
/// Sends a workflow email unless it was already sent. The durable engine runs an activity at least once, so a step
/// replayed after a crash (or a lost completion) must not mail the committee or the reporter twice. The Message-ID
/// names the step and the recipient; it is recorded right after the transport accepts the mail, which leaves only a
/// crash between the two to send twice.
/// </summary>
public sealed class OnceOnlyMail(IMailSender transport, IReportStore reports, TimeProvider clock)
{
    /// <returns>Whether the mail was sent now (false: it had been sent before).</returns>
    public async Task<bool> SendAsync(string reference, OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (await reports.IsMailSentAsync(reference, mail.MessageId, cancellationToken))
        {
            return false;
        }

        await transport.SendAsync(mail, cancellationToken);
        await reports.RecordMailSentAsync(reference, mail.MessageId, clock.GetUtcNow(), cancellationToken);
        return true;
    }
}
