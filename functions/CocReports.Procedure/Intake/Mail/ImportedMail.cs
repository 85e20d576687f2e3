namespace CocReports.Procedure.Intake.Mail;

/// <summary>What becomes of a message in the conduct mailbox once its import returned (MailIntake:ImportedMail).</summary>
public enum ImportedMail
{
    /// <summary>
    /// Removed from the mailbox: the stored report is the record, and a copy left in the mailbox would outlive the
    /// retention purge with everything the reporter sent.
    /// </summary>
    Delete,

    /// <summary>Left in the mailbox whole; whoever runs the mailbox takes on clearing it.</summary>
    Keep,
}
