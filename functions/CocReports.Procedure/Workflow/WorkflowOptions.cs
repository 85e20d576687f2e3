namespace CocReports.Procedure.Workflow;

/// <summary>The procedure's time promises. Bound from the "Workflow" configuration section; defaults are the procedure's.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>Which set of promises the defaults below are (<see cref="ClockProfiles"/>): CHAOSS's unless set.</summary>
    public ClockProfile Profile { get; set; } = ClockProfile.Chaoss;

    /// <summary>"We strive to acknowledge your report within 48 hours."</summary>
    [Positive]
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// For an urgent report (an ongoing incident, a reporter who fears for their safety): the acknowledgment is owed
    /// this soon, with one reminder halfway, and never later than <see cref="AcknowledgeWithin"/>. Bound at start to 2
    /// hours unless set (<see cref="UrgentAcknowledgeWithinDefault"/>). Null in the schedule stored with a report from
    /// before it existed: that report keeps the promise it was given, and its workflow replays as it ran.
    /// </summary>
    [Positive]
    public TimeSpan? UrgentAcknowledgeWithin { get; set; }

    public static readonly TimeSpan UrgentAcknowledgeWithinDefault = TimeSpan.FromHours(2);

    /// <summary>How soon the acknowledgment of a report is owed: the one place the urgent promise is decided.</summary>
    public TimeSpan AcknowledgeWithinFor(bool urgent) =>
        urgent && UrgentAcknowledgeWithin is { } soon && soon < AcknowledgeWithin ? soon : AcknowledgeWithin;

    /// <summary>Reminders to the committee, counted from receipt; any at or past the deadline is dropped.</summary>
    [Positive]
    public List<TimeSpan> AcknowledgeRemindAfter { get; set; } = [TimeSpan.FromHours(24), TimeSpan.FromHours(44)];

    /// <summary>Once a promise is overdue, how often the committee and escalation contacts hear about it again.</summary>
    [Positive]
    public TimeSpan OverdueRepeatEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The same for urgent reports (ongoing incidents, reporters who fear for their safety).</summary>
    [Positive]
    public TimeSpan UrgentRepeatEvery { get; set; } = TimeSpan.FromHours(2);

    /// <summary>"Within one week of an incident report, the committee will follow up with the person who made the report."</summary>
    [Positive]
    public TimeSpan FollowUpWithin { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Reminders for the follow-up, counted from receipt.</summary>
    [Positive]
    public List<TimeSpan> FollowUpRemindAfter { get; set; } = [TimeSpan.FromDays(5)];

    /// <summary>When a follow-up names no date for the next update, the next one is due this long after it.</summary>
    [Positive]
    public TimeSpan StatusUpdateEvery { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The committee is reminded on the promised date, and escalated this long after it.</summary>
    [Positive]
    public TimeSpan StatusUpdateGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How soon the committee confirms or lifts an interim measure one member took; reminded halfway, escalated after.</summary>
    [Positive]
    public TimeSpan MeasureReviewWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long before a response ends (or is reviewed) the committee is reminded.</summary>
    [Positive]
    public TimeSpan ResponseRemindBefore { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long after the resolution the reporter, and the reported person once told, may appeal it: 30 days, as issue #26 asks.</summary>
    [Positive]
    public TimeSpan AppealWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long evidence is kept after resolution. The outcome record is kept.</summary>
    [Positive]
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// How long a case is kept after resolution for a particular response, where it differs from <see cref="RetentionPeriod"/>:
    /// a "No violation" may need months, a ban years. None by default: each community sets what its practice or law
    /// asks (Germany's whistleblower act keeps records three years after closure, HinSchG § 11(5):
    /// https://anwaltliche-meldestelle.de/%c2%a7-11-dokumentation-der-meldungen/).
    /// </summary>
    public List<ResponseRetention> RetentionByResponse { get; set; } = [];

    /// <summary>How long a case resolved with <paramref name="response"/> is kept after resolution (or after the response ended).</summary>
    public TimeSpan RetentionFor(string? response) =>
        RetentionByResponse.FirstOrDefault(r => string.Equals(r.Response, response, StringComparison.Ordinal))?.Keep ?? RetentionPeriod;

    /// <summary>How long the reported person has to give their statement once told; the committee is told when it closes.</summary>
    [Positive]
    public TimeSpan StatementWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often the committee is asked whether a legal hold is still needed: kept longer only while necessary.</summary>
    [Positive]
    public TimeSpan LegalHoldReviewEvery { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long before the purge the committee is warned.</summary>
    [Positive]
    public TimeSpan RetentionWarningBefore { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How many waits one generation of the orchestration runs before it continues as new, bounding its history.</summary>
    [Positive]
    public int WaitsPerGeneration { get; set; } = 20;

    /// <summary>How many times a failed email is tried, with backoff doubling from <see cref="MailFirstRetry"/> up to an hour: about half a day.</summary>
    [Positive]
    public int MailAttempts { get; set; } = 20;

    [Positive]
    public TimeSpan MailFirstRetry { get; set; } = TimeSpan.FromSeconds(5);
}
