using CocReports.Procedure.Mail;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Storage;

/// <summary>Where reports and their case state live (Table storage in production).</summary>
public interface IReportStore
{
    Task<Report?> FindAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new report. False, changing nothing, when a report with this reference is already stored: of two
    /// attempts of one submission racing, the first keeps its report and the second is answered from it.
    /// </summary>
    Task<bool> TryAddAsync(Report report, CancellationToken cancellationToken);

    /// <summary>Reports received at or after <paramref name="since"/>, for the sweep that starts workflows intake could not.</summary>
    IAsyncEnumerable<Report> ReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the unconfirmed From address the report's contact (<see cref="Report.WithSenderConfirmed"/>) and returns
    /// the report so changed; null, changing nothing, when no confirmation was pending.
    /// </summary>
    Task<Report?> TryConfirmSenderAsync(string reference, CancellationToken cancellationToken);

    Task<CaseState> GetCaseStateAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one of <see cref="CaseState"/>'s rules to the case as stored now and stores the result; when another
    /// change lands in between, reads again and applies the rule again. Returns the new state, or null, changing
    /// nothing, when the rule refused (two members clicking at once: only one acknowledgment wins).
    /// </summary>
    Task<CaseState?> TryChangeCaseAsync(string reference, Func<CaseState, CaseState?> rule, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the report with <paramref name="report"/> and its messages with <paramref name="messages"/> (matched by
    /// id), deleting every other message: what retention keeps.
    /// </summary>
    Task RetainOnlyAsync(Report report, IReadOnlyList<CaseMessage> messages, CancellationToken cancellationToken);

    /// <summary>Whether the workflow already sent the email with this Message-ID.</summary>
    Task<bool> IsMailSentAsync(string reference, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the email with this Message-ID for sending, in one conditional write, so of two runs asking at once only
    /// one gets it. A claim made before <paramref name="staleBefore"/> and never marked sent is taken over.
    /// </summary>
    Task<MailClaim> ClaimMailAsync(string reference, string messageId, DateTimeOffset at, DateTimeOffset staleBefore, CancellationToken cancellationToken);

    /// <summary>Gives up a claim whose email was not sent, so the next attempt sends it.</summary>
    Task ReleaseMailAsync(string reference, string messageId, CancellationToken cancellationToken);

    Task RecordMailSentAsync(string reference, string messageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Which of these mails of the report were sent before, in one read of its ledger.</summary>
    Task<IReadOnlySet<string>> SentMailAmongAsync(string reference, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);

    /// <summary>Marks a single-use link as used. False when it already was: a link acts once.</summary>
    Task<bool> TryUseLinkAsync(string reference, string linkId, CancellationToken cancellationToken);

    Task<bool> IsLinkUsedAsync(string reference, string linkId, CancellationToken cancellationToken);

    Task AddMessageAsync(string reference, CaseMessage message, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseMessage>> GetMessagesAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the report among the open cases, when its workflow announces it to the committee. The store then keeps its
    /// entry current as it records the case (acknowledgment, recusals, follow-ups and status updates) and drops it at
    /// resolution.
    /// </summary>
    Task ListOpenCaseAsync(Report report, CancellationToken cancellationToken);

    /// <summary>Every open case, for the open-cases page and the digest: one query, however many there are.</summary>
    Task<IReadOnlyList<OpenCaseSummary>> OpenCasesAsync(CancellationToken cancellationToken);
}
