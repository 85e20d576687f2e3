namespace CocReports.Adapters.Mail.Inbound;

/// <summary>
/// The conduct mailbox could not be signed in to: the poll ends and the next one tries again. The message names the
/// settings and the admin's steps to check, never a secret or a token.
/// </summary>
public sealed class MailboxSignInException(string message, Exception innerException) : Exception(message, innerException);
