using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Notifications;

/// <summary>What a committee member (or an escalation contact) is told about a report.</summary>
public enum CommitteeNoticeKind
{
    NewReport,
    AcknowledgeReminder,
    AcknowledgeOverdue,
    FollowUpReminder,
    FollowUpOverdue,
    StatusUpdateReminder,
    StatusUpdateOverdue,
    AnswerReceived,
    RetentionWarning,
    LegalHoldReview,
    StatementReceived,
    StatementWindowClosed,

    /// <summary>Every member is excluded or recused: the escalation contacts receive the report instead.</summary>
    HandedToEscalation,

    /// <summary>
    /// A later report (or an identifier a member added) may name the same person as this one: told on this report to
    /// its members who may see both. The notice's occasion is the other report's reference.
    /// </summary>
    PatternFound,

    /// <summary>The response decided at resolution ends (or is reviewed) soon; its occasion is the end's date.</summary>
    ResponseEndingSoon,

    /// <summary>The response ended (or is due for review): were its conditions met? Extend it if not.</summary>
    ResponseEnded,

    /// <summary>A member marked the report urgent: every member is paged at once.</summary>
    MarkedUrgent,

    /// <summary>A member took an interim measure on the report: every member is told at once, to confirm or lift it.</summary>
    InterimMeasureRecorded,
    MeasureReviewReminder,
    MeasureReviewOverdue,
}

/// <summary>What the reporter is told.</summary>
public enum ReporterNoticeKind
{
    Receipt,
    Acknowledged,
    FollowUp,
    StatusUpdate,
    Question,
    Resolved,

    /// <summary>The committee asks whether its public statement may name the reporter.</summary>
    ConsentAsked,
}

/// <param name="Occasion">Tells apart notices of one kind about one report (the second reminder, the next cycle's), so each mail gets its own message id.</param>
/// <param name="MessageId">The stored message the notice carries (an answer, say), if any.</param>
/// <param name="Promises">
/// The case's own schedule, captured when the report arrived, which its timers run on: a mail quotes the deadlines the
/// workflow keeps, also after the configuration changed. Null in notices from before it was carried: the live options.
/// </param>
public sealed record MemberNotice(string Reference, string MemberId, CommitteeNoticeKind Kind, string Occasion, string? MessageId = null, WorkflowOptions? Promises = null);

/// <param name="Promises">As on <see cref="MemberNotice"/>.</param>
public sealed record EscalationNotice(string Reference, int ContactIndex, CommitteeNoticeKind Kind, string Occasion, WorkflowOptions? Promises = null);

/// <param name="Promises">As on <see cref="MemberNotice"/>.</param>
public sealed record ReporterNotice(string Reference, ReporterNoticeKind Kind, string? SealedReceiptCode = null, string? MessageId = null, WorkflowOptions? Promises = null);

/// <summary>The committee's notice to the reported person (a stored message), and how long their statement link works.</summary>
public sealed record ReportedPersonNotice(string Reference, string MessageId, TimeSpan Window);
