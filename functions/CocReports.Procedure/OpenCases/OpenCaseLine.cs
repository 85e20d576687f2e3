using CocReports.Procedure.Notifications;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.OpenCases;

/// <summary>One row of a member's open cases: the promise the committee owes next, and when it is due.</summary>
public sealed record OpenCaseLine(string Reference, DateTimeOffset ReceivedAt, bool Urgent, Door Door, PromiseKind Next, DateTimeOffset Due, bool Overdue)
{
    /// <summary>The same words on the page and in the digest.</summary>
    public string NextPromise => Next switch
    {
        PromiseKind.Acknowledge => "Acknowledge",
        PromiseKind.FollowUp => "Follow up with the reporter",
        _ => "Status update to the reporter",
    };

    public string Urgency => Urgent ? "Urgent" : "";

    public string DoorName => ReportSummary.DoorName(Door);

    public string DueText => Texts.Time(Due) + (Overdue ? " (overdue)" : "");
}
