using CocReports.Procedure.Committee;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.OpenCases;

/// <summary>
/// A member's open cases: all and only those whose audience includes them (not excluded by the reporter, not
/// recused), each with the promise owed next, overdue ones first, then by due date. Each case is due by the schedule
/// it arrived under, the one its workflow keeps; <paramref name="schedule"/>, the options of the day, only for a case
/// listed before it was kept. Pure, tested with a fake clock.
/// </summary>
public sealed class OpenCaseList(CommitteeOptions committee, WorkflowOptions schedule)
{
    public IReadOnlyList<OpenCaseLine> For(string memberId, IEnumerable<OpenCaseSummary> cases, DateTimeOffset now) =>
    [
        .. Visible(memberId, cases)
            .Where(c => !MustDeclareFirst(memberId, c))
            .Select(c => Line(c, now))
            .OrderByDescending(l => l.Overdue)
            .ThenBy(l => l.Due)
            .ThenBy(l => l.Reference, StringComparer.Ordinal),
    ];

    /// <summary>
    /// A newcomer's cases: those announced before they joined the committee, which they see by reference alone until
    /// they have declared their conflicts on each (Django's "declare against the code names of open cases first").
    /// </summary>
    public IReadOnlyList<string> ToDeclare(string memberId, IEnumerable<OpenCaseSummary> cases) =>
        [.. Visible(memberId, cases).Where(c => MustDeclareFirst(memberId, c)).Select(c => c.Reference).Order(StringComparer.Ordinal)];

    IEnumerable<OpenCaseSummary> Visible(string memberId, IEnumerable<OpenCaseSummary> cases) =>
        cases.Where(c => Audience.For(committee, c.ExcludedMembers, c.RecusedMembers).Includes(memberId));

    // A case listed before announcements were kept is treated as announced to everyone: nothing is hidden that was shown.
    bool MustDeclareFirst(string memberId, OpenCaseSummary c) =>
        committee.DeclareConflicts
        && c.AnnouncedTo is { } told
        && !told.Contains(memberId, StringComparer.Ordinal)
        && !c.DeclaredMembers.Contains(memberId, StringComparer.Ordinal);

    OpenCaseLine Line(OpenCaseSummary c, DateTimeOffset now)
    {
        // The same progress the workflow carries, as far as the next promise depends on it: a follow-up acknowledges too.
        var caseSchedule = c.Schedule ?? schedule;
        var progress = new CaseProgress(c.Reference, c.ReceivedAt, c.Urgent, null, caseSchedule, Announced: true)
        {
            AcknowledgedAt = c.AcknowledgedAt ?? c.LastUpdateAt,
            FollowedUpAt = c.LastUpdateAt,
            LastUpdateAt = c.LastUpdateAt,
            NextUpdateBy = c.NextUpdateBy,
            UrgentSince = c.UrgentSince,
        };
        var promise = new WorkflowPolicy(caseSchedule).Current(progress)!;

        // A status update is due on the date promised to the reporter; the policy's grace only delays the escalation.
        var due = promise.Kind == PromiseKind.StatusUpdate ? promise.Due - caseSchedule.StatusUpdateGrace : promise.Due;
        return new OpenCaseLine(c.Reference, c.ReceivedAt, c.Urgent, c.Door, promise.Kind, due, now > due, c.AppealOf);
    }
}
