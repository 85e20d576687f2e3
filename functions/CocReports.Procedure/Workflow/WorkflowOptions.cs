namespace CocReports.Procedure.Workflow;

/// <summary>The procedure's time promises. Bound from the "Workflow" configuration section; defaults are the procedure's.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>"We strive to acknowledge your report within 48 hours."</summary>
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Reminders to the committee, counted from receipt; any at or past the deadline is dropped.</summary>
    public List<TimeSpan> AcknowledgeRemindAfter { get; set; } = [TimeSpan.FromHours(24), TimeSpan.FromHours(44)];

    /// <summary>Once a promise is overdue, how often the committee and escalation contacts hear about it again.</summary>
    public TimeSpan OverdueRepeatEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The same for urgent reports (ongoing incidents, reporters who fear for their safety).</summary>
    public TimeSpan UrgentRepeatEvery { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How many times a failed email is retried before the workflow waits and tries again later.</summary>
    public int MailAttempts { get; set; } = 8;

    public TimeSpan MailFirstRetry { get; set; } = TimeSpan.FromSeconds(5);
}
