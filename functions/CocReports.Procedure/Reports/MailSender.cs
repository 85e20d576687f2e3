namespace CocReports.Procedure.Reports;

/// <summary>
/// Whether an emailed report's From address is its sender's: anyone can write any From, so it becomes the reporter's
/// contact only when the conduct mailbox's server vouches for it, or its owner confirms from a link mailed to it.
/// </summary>
public enum MailSender
{
    /// <summary>Not an email, or no server is trusted to vouch (MailIntake:AuthServId unset): the From is taken as written.</summary>
    NotChecked,

    /// <summary>The conduct mailbox's server vouched for the From domain (DMARC, or aligned DKIM).</summary>
    Verified,

    /// <summary>Not vouched for: the report keeps no contact until the From address confirms from its link.</summary>
    Unconfirmed,

    /// <summary>Not vouched for, then confirmed from the link mailed to the From address.</summary>
    Confirmed,
}
