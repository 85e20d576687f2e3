using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Reports;

/// <summary>
/// A stored Code of Conduct report: what the reporter told us (<see cref="Details"/>), the evidence they sent,
/// and what intake added. The receipt code itself is never stored, only its hash.
/// </summary>
public sealed record Report(
    string Reference,
    DateTimeOffset ReceivedAt,
    ReportDetails Details,
    IReadOnlyList<EvidenceFile> Evidence,
    string ReceiptCodeHash)
{
    /// <summary>
    /// <see cref="Intake.SubmissionHash"/> of what was submitted: a retry under the same idempotency key must match it
    /// to get the receipt again.
    /// </summary>
    public string ContentHash { get; init; } = "";

    /// <summary>How the report came in: shown to the committee in the first email and on the case page.</summary>
    public Door Door { get; init; } = Door.Form;

    /// <summary>The subject of a report that came by email.</summary>
    public string? Subject { get; init; }

    /// <summary>The Message-ID of a report that came by email: the receipt answers it, in the same thread.</summary>
    public string? InboundMessageId { get; init; }

    /// <summary>Attachments of an emailed report that were not kept, and why: they never refuse the report itself.</summary>
    public IReadOnlyList<RefusedEvidence> RefusedEvidence { get; init; } = [];

    /// <summary>What a case opened by an appeal appeals: the case, the party and the ground. Null for every other report.</summary>
    public Resolution.Appeal? Appeal { get; init; }

    /// <summary>The organizer who took the report in person, and their event.</summary>
    public string? TakenBy { get; init; }

    /// <summary>False when the sender already had their share of receipts: the report is kept, only the receipt email is not sent.</summary>
    public bool MailReceipt { get; init; } = true;

    /// <summary>Whether the From address of an emailed report is its sender's.</summary>
    public MailSender Sender { get; init; } = MailSender.NotChecked;

    /// <summary>
    /// The From address of an emailed report no server vouched for, kept until its owner confirms they sent the report.
    /// Until then the report has no contact: nothing of the case is mailed to an address someone may have forged.
    /// </summary>
    public string? UnconfirmedSender { get; init; }

    /// <summary>
    /// An anonymous emailed report's From address, which no server vouched for, and its receipt code, sealed
    /// (<see cref="Notifications.SealedSecret"/>) until the address confirms it sent the report: only then is the
    /// receipt, whose code opens the status page, mailed to it. Sealed so that no one reading the case learns who the
    /// anonymous reporter may be.
    /// </summary>
    public string? SealedAnonymousSender { get; init; }

    /// <summary>
    /// The time promises in force when the report arrived, set by intake: its workflow's timers run on them, and every
    /// mail and page quotes them for this case, also after the configuration changed. Null on reports stored before
    /// they were kept: the options of the day.
    /// </summary>
    public WorkflowOptions? Schedule { get; init; }

    /// <summary>
    /// The report once its sender confirmed from the link mailed to <see cref="UnconfirmedSender"/>: that address
    /// becomes the contact; an anonymous report's sealed address is let go, and it stays without one. Null when no
    /// confirmation is pending (confirmed before, or never asked).
    /// </summary>
    public Report? WithSenderConfirmed() =>
        SealedAnonymousSender is not null ? this with { SealedAnonymousSender = null, Sender = MailSender.Confirmed }
        : UnconfirmedSender is null ? null
        : this with
        {
            Details = Details with { ContactEmail = UnconfirmedSender },
            UnconfirmedSender = null,
            Sender = MailSender.Confirmed,
        };

    /// <summary>The orchestration that keeps this report's promises.</summary>
    public string InstanceId => WorkflowInstance.For(Reference);
}
