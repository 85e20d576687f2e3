namespace CocReports.Procedure.Notifications;

/// <summary>What committee email may carry. Bound from the "Notifications" configuration section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public NotificationContent Content { get; set; } = NotificationContent.None;
}
