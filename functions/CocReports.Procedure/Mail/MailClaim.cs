namespace CocReports.Procedure.Mail;

/// <summary>What the sent-mail ledger answered a run that asked to send a mail (<see cref="OnceOnlyMail"/>).</summary>
public enum MailClaim
{
    /// <summary>This run sends it: no other run claimed it, or the run that did ended long ago without sending it.</summary>
    Ours,

    /// <summary>Sent before: nothing to do.</summary>
    SentBefore,

    /// <summary>Another run of the same step claimed it and may be sending it now.</summary>
    ClaimedByAnotherRun,
}
