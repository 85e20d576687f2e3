using System.Globalization;
using CocReports.Procedure.Notifications;
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

    public string DueText => Time(Due) + (Overdue ? " (overdue)" : "");

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
