namespace CocReports.Procedure.Notifications;

/// <summary>
/// How much of a report committee email carries (<c>Notifications:Content</c>). Whatever sits in an email also sits in
/// the member's mail provider, their phone's notification preview and any list archive, so the default carries none of
/// it: the case page, behind a signed link, holds the report.
/// </summary>
public enum NotificationContent
{
    /// <summary>The reference, the urgency, the door, when it came in and the links: nothing the reporter said.</summary>
    None,

    /// <summary>What None carries, and the reporter's choices (ongoing, setting, safety, anonymity, how many files): never text they typed.</summary>
    Summary,

    /// <summary>The whole report, as the case page shows it, and the reporter's answers.</summary>
    Full,
}
