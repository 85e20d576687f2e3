using CocReports.Procedure.Notifications;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.OpenCases;

/// <summary>One row of a member's open cases: the promise the committee owes next, and when it is due.</summary>
/// <param name="AppealOf">For an appeal, the case it appeals, which the row names in place of a door.</param>
public sealed record OpenCaseLine(string Reference, DateTimeOffset ReceivedAt, bool Urgent, Door Door, PromiseKind Next, DateTimeOffset Due, bool Overdue, string? AppealOf = null)
{
    /// <summary>The same words on the page and in the digest, in the member's language.</summary>
    public string NextPromise(Texts t) => t[Next switch
    {
        PromiseKind.Acknowledge => "OpenCases.Next.Acknowledge",
        PromiseKind.FollowUp => "OpenCases.Next.FollowUp",
        _ => "OpenCases.Next.StatusUpdate",
    }];

    public string Urgency(Texts t) => Urgent ? t["OpenCases.Urgent"] : "";

    public string DoorName(Texts t) => AppealOf is { } appealed ? t.Format("OpenCases.AppealOf", appealed) : ReportSummary.DoorName(Door, t);

    public string DueText(Texts t) => Overdue ? t.Format("OpenCases.Overdue", Texts.Time(Due)) : Texts.Time(Due);
}
