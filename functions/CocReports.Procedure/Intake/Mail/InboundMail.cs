namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// One message that reached the conduct address, as the mailbox or the webhook read it: the headers that decide what
/// it is, its text (the HTML part reduced to text when there is no plain part) and its attachments.
/// </summary>
/// <param name="MessageId">The Message-ID header, without angle brackets; null when the message has none.</param>
/// <param name="RawSha256">SHA-256 of the raw message: what names a message without a Message-ID.</param>
/// <param name="ReturnPath">The envelope sender; empty ("&lt;&gt;") for bounces, null when the header is absent.</param>
public sealed record InboundMail(
    string? MessageId,
    string RawSha256,
    string? FromAddress,
    string? FromName,
    string? ReturnPath,
    IReadOnlyList<string> Recipients,
    string Subject,
    string Text,
    IReadOnlyList<InboundAttachment> Attachments)
{
    /// <summary>The Auto-Submitted header (RFC 3834): anything but "no" is a machine's mail.</summary>
    public string? AutoSubmitted { get; init; }

    /// <summary>The Precedence header: bulk, list and junk mark mail no one should answer.</summary>
    public string? Precedence { get; init; }

    /// <summary>A delivery or disposition report (multipart/report): a bounce.</summary>
    public bool IsDeliveryReport { get; init; }

    /// <summary>The Authentication-Results headers (RFC 8601), topmost first: what <see cref="SenderVerification"/> reads.</summary>
    public IReadOnlyList<string> AuthenticationResults { get; init; } = [];

    /// <summary>Headers that only auto-responders set (X-Autoreply, X-Autorespond, X-Auto-Response-Suppress: All…).</summary>
    public bool HasAutoResponderHeader { get; init; }
}

/// <summary>An attachment, opened only when it is stored: the evidence store streams it through the same checks as the form.</summary>
public sealed record InboundAttachment(string FileName, Func<Stream> Open);
