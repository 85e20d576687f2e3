namespace CocReports.Procedure.Notifications;

/// <summary>
/// What one recipient's mail carries: the community's setting, or the whole report for a recipient who configured an
/// OpenPGP public key, since their mail is then encrypted to that key and readable by no mail provider on the way.
/// </summary>
public sealed record Disclosure(NotificationContent Content, string? OpenPgpKey)
{
    public static Disclosure For(NotificationContent setting, string? openPgpKey) =>
        string.IsNullOrWhiteSpace(openPgpKey) ? new(setting, null) : new(NotificationContent.Full, openPgpKey);
}
