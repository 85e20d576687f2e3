using CocReports.Procedure.Committee;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.OpenCases;

/// <summary>
/// A member's open cases: all and only those whose audience includes them (not excluded by the reporter, not
/// recused), each with the promise owed next, overdue ones first, then by due date. Pure, tested with a fake clock.
/// </summary>
public sealed class OpenCaseList(CommitteeOptions committee, WorkflowOptions schedule)
{
    readonly WorkflowPolicy policy = new(schedule);

    public IReadOnlyList<OpenCaseLine> For(string memberId, IEnumerable<OpenCaseSummary> cases, DateTimeOffset now) =>
    [
        .. cases
            .Where(c => Audience.For(committee, c.ExcludedMembers, c.RecusedMembers).Includes(memberId))
            .Select(c => Line(c, now))
            .OrderByDescending(l => l.Overdue)
            .ThenBy(l => l.Due)
            .ThenBy(l => l.Reference, StringComparer.Ordinal),
    ];

    OpenCaseLine Line(OpenCaseSummary c, DateTimeOffset now)
    {
        // The same progress the workflow carries, as far as the next promise depends on it: a follow-up acknowledges too.
        var progress = new CaseProgress(c.Reference, c.ReceivedAt, c.Urgent, null, schedule, Announced: true)
        {
            AcknowledgedAt = c.AcknowledgedAt ?? c.LastUpdateAt,
            FollowedUpAt = c.LastUpdateAt,
            LastUpdateAt = c.LastUpdateAt,
            NextUpdateBy = c.NextUpdateBy,
        };
        var promise = policy.Current(progress)!;

        // A status update is due on the date promised to the reporter; the policy's grace only delays the escalation.
        var due = promise.Kind == PromiseKind.StatusUpdate ? promise.Due - schedule.StatusUpdateGrace : promise.Due;
        return new OpenCaseLine(c.Reference, c.ReceivedAt, c.Urgent, c.Door, promise.Kind, due, now > due);
    }
}
