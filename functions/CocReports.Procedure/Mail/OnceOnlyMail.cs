using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Mail;

/// <summary>
/// Sends a workflow email unless it was already sent. The durable engine runs an activity at least once, and may run it
/// again while the first run still goes, so a step replayed after a crash (or a lost completion) must not mail the
/// committee or the reporter twice. The Message-ID names the step and the recipient; a run claims it in the sent-mail
/// ledger before sending (one conditional write, so of two runs at once only one sends) and marks it sent right after
/// the transport accepts the mail. A send that fails gives the claim up, so the retry sends it. A claim left by a run
/// that crashed before sending is taken over once it is older than any run lasts: the mail is late then, never lost,
/// and only a crash between sending and marking it sent can send it twice.
/// An answer to an emailed report is sent only within <see cref="MailAnswerBudget"/>; over it, it fails as a throttled
/// send does, and is retried as one.
/// </summary>
public sealed class OnceOnlyMail(IMailSender transport, ISentMailLedger sentMail, MailAnswerBudget answers, TimeProvider clock)
{
    /// <summary>
    /// How long a claim holds: longer than a run of an activity may last, the Functions host's default timeout on the
    /// Flex Consumption plan (30 minutes; host.json sets none:
    /// https://github.com/MicrosoftDocs/azure-docs/blob/master/includes/functions-timeout-duration.md).
    /// </summary>
    public static readonly TimeSpan ClaimHolds = TimeSpan.FromMinutes(30);

    /// <returns>Whether the mail was sent now (false: it had been sent before).</returns>
    /// <exception cref="InvalidOperationException">Another run is sending it: the workflow's retry finds it sent.</exception>
    public async Task<bool> SendAsync(string reference, OutgoingMail mail, CancellationToken cancellationToken)
    {
        switch (await ClaimAsync(reference, mail, cancellationToken))
        {
            case MailClaim.SentBefore:
                return false;
            case MailClaim.ClaimedByAnotherRun:
                throw new InvalidOperationException("Another run of this step is sending this mail; a retry finds it sent.");
        }

        await SendClaimedAsync(reference, mail, cancellationToken);
        return true;
    }

    /// <summary>
    /// Sends several mails of one report side by side, each on its own: one read of the ledger for all of them, and each
    /// claimed, sent and marked sent as <see cref="SendAsync"/> does. A mail the transport refused doesn't stop the
    /// others; it is named in the result for the workflow to retry on its own, with the wait a throttled mail service
    /// asked for, so that retry comes no sooner. So is one another run claimed: its retry finds it sent.
    /// </summary>
    /// <returns>The Message-IDs that were not sent, each with the wait the mail service asked for (null: none).</returns>
    public async Task<IReadOnlyDictionary<string, TimeSpan?>> SendEachAsync(string reference, IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken)
    {
        var sentBefore = await sentMail.SentMailAmongAsync(reference, [.. mails.Select(m => m.MessageId)], cancellationToken);
        var failed = await Task.WhenAll(mails.Where(m => !sentBefore.Contains(m.MessageId)).Select(async m =>
        {
            try
            {
                switch (await ClaimAsync(reference, m, cancellationToken))
                {
                    case MailClaim.SentBefore:
                        return (MessageId: (string?)null, Wait: (TimeSpan?)null);
                    case MailClaim.ClaimedByAnotherRun:
                        // Handed back like a failed send: its retry on its own finds it sent.
                        return (MessageId: (string?)m.MessageId, Wait: (TimeSpan?)null);
                }

                await SendClaimedAsync(reference, m, cancellationToken);
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

            return (MessageId: (string?)null, Wait: (TimeSpan?)null);
        }));
        return failed.Where(f => f.MessageId is not null).ToDictionary(f => f.MessageId!, f => f.Wait, StringComparer.Ordinal);
    }

    Task<MailClaim> ClaimAsync(string reference, OutgoingMail mail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return sentMail.ClaimMailAsync(reference, mail.MessageId, now, now - ClaimHolds, cancellationToken);
    }

    /// <summary>Sends a mail this run claimed and marks it sent; a send that fails gives the claim up and throws.</summary>
    async Task SendClaimedAsync(string reference, OutgoingMail mail, CancellationToken cancellationToken)
    {
        try
        {
            await TransmitAsync(mail, cancellationToken);
        }
        catch
        {
            await sentMail.ReleaseMailAsync(reference, mail.MessageId, CancellationToken.None);
            throw;
        }

        await sentMail.RecordMailSentAsync(reference, mail.MessageId, clock.GetUtcNow(), cancellationToken);
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
