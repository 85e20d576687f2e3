namespace CocReports.Procedure.Mail;

/// <summary>A person mail is addressed to.</summary>
public sealed record Recipient(string Name, string Email);

/// <summary>
/// One email of the workflow. <paramref name="MessageId"/> is derived from the report and the workflow step,
/// so that a retried send can be recognised as the same message by transports that deduplicate.
/// </summary>
public sealed record OutgoingMail(string MessageId, Recipient To, string Subject, string TextBody, string HtmlBody);
