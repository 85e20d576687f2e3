namespace CocReports.Procedure.Intake.Mail;

/// <summary>What a message to the conduct address is: a report, a reply into a case, or mail no one must answer.</summary>
public enum InboundMailKind
{
    Report,
    Reply,

    /// <summary>Out-of-office and other automatic answers (RFC 3834).</summary>
    AutoReply,

    /// <summary>Delivery failures: a null sender, MAILER-DAEMON, or a delivery report.</summary>
    Bounce,

    /// <summary>Mail the service sent itself: importing it, or answering it, would start a loop.</summary>
    OwnMail,
}
