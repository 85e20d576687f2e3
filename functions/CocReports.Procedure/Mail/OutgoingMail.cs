namespace CocReports.Procedure.Mail;

/// <summary>A person mail is addressed to.</summary>
public sealed record Recipient(string Name, string Email);

/// <summary>
/// One email of the workflow. <paramref name="MessageId"/> is derived from the report and the workflow step,
/// so that a retried send can be recognised as the same message by transports that deduplicate.
/// </summary>
public sealed record OutgoingMail(string MessageId, Recipient To, string Subject, string TextBody, string HtmlBody)
{
    /// <summary>The Message-ID this mail answers (In-Reply-To and References): a receipt stays in the reporter's thread.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>Where the recipient's reply goes: the case's own reply address, for the reporter.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>
    /// The recipient's OpenPGP public key (armored, or the binary key in base64): the transport sends the mail encrypted
    /// to it, or not at all, since a mail composed for a key may carry the whole report.
    /// </summary>
    public string? OpenPgpKey { get; init; }

    /// <summary>
    /// An answer to a message mailed to the conduct address (a receipt, a "did you send this?"): its address is whatever
    /// the message's From said, so it counts against <see cref="MailAnswerBudget"/> and never against the committee's share.
    /// </summary>
    public bool AnswersInboundMail { get; init; }
}
