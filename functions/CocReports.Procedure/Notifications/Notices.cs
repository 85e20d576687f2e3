namespace CocReports.Procedure.Notifications;

/// <summary>What a committee member is told about a report.</summary>
public enum CommitteeNoticeKind
{
    NewReport,
    AcknowledgeReminder,
    AcknowledgeOverdue,
}

/// <summary>What the reporter is told.</summary>
public enum ReporterNoticeKind
{
    Receipt,
    Acknowledged,
}

public sealed record MemberNotice(string Reference, string MemberId, CommitteeNoticeKind Kind, int Round);

public sealed record EscalationNotice(string Reference, int ContactIndex, CommitteeNoticeKind Kind, int Round);

public sealed record ReporterNotice(string Reference, ReporterNoticeKind Kind, string? SealedReceiptCode = null);
