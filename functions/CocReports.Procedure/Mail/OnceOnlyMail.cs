using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Mail;

/// <summary>
/// Sends a workflow email unless it was already sent. The durable engine runs an activity at least once, so a step
/// replayed after a crash (or a lost completion) must not mail the committee or the reporter twice. The Message-ID
/// names the step and the recipient; it is recorded right after the transport accepts the mail, which leaves only a
/// crash between the two to send twice.
/// An answer to an emailed report is sent only within <see cref="MailAnswerBudget"/>; over it, it fails as a throttled
/// send does, and is retried as one.
/// </summary>
public sealed class OnceOnlyMail(IMailSender transport, ISentMailLedger sentMail, MailAnswerBudget answers, TimeProvider clock)
{
    /// <returns>Whether the mail was sent now (false: it had been sent before).</returns>
    public async Task<bool> SendAsync(string reference, OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (await sentMail.IsMailSentAsync(reference, mail.MessageId, cancellationToken))
        {
            return false;
        }

        await TransmitAsync(mail, cancellationToken);
        await sentMail.RecordMailSentAsync(reference, mail.MessageId, clock.GetUtcNow(), cancellationToken);
        return true;
    }

    /// <summary>
    /// Sends several mails of one report side by side, each on its own: one read of the ledger for all of them, and each
    /// recorded right after its transport accepted it, as <see cref="SendAsync"/> does. A mail the transport refused
    /// doesn't stop the others; it is named in the result for the workflow to retry on its own, with the wait a
    /// throttled mail service asked for, so that retry comes no sooner.
    /// </summary>
    /// <returns>The Message-IDs that were not sent, each with the wait the mail service asked for (null: none).</returns>
    public async Task<IReadOnlyDictionary<string, TimeSpan?>> SendEachAsync(string reference, IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken)
    {
        var sentBefore = await sentMail.SentMailAmongAsync(reference, [.. mails.Select(m => m.MessageId)], cancellationToken);
        var failed = await Task.WhenAll(mails.Where(m => !sentBefore.Contains(m.MessageId)).Select(async m =>
        {
            try
            {
                await TransmitAsync(m, cancellationToken);
            }
            catch (MailThrottledException throttled)
            {
                return (MessageId: (string?)m.MessageId, Wait: (TimeSpan?)throttled.RetryAfter);
            }
#pragma warning disable CA1031 // Any failure of one recipient's send is that recipient's to retry, with the workflow's policy.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return (MessageId: (string?)m.MessageId, Wait: (TimeSpan?)null);
            }

            await sentMail.RecordMailSentAsync(reference, m.MessageId, clock.GetUtcNow(), cancellationToken);
            return (MessageId: (string?)null, Wait: (TimeSpan?)null);
        }));
        return failed.Where(f => f.MessageId is not null).ToDictionary(f => f.MessageId!, f => f.Wait, StringComparer.Ordinal);
    }

    async Task TransmitAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (mail.AnswersInboundMail)
        {
            await answers.SpendAsync(cancellationToken);
        }

        await transport.SendAsync(mail, cancellationToken);
    }
}
