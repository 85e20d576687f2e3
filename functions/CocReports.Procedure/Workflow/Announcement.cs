using CocReports.Procedure.Notifications;
using CocReports.Procedure.Timeline;

namespace CocReports.Procedure.Workflow;

/// <summary>
/// Everything one step of the workflow tells, done by one activity (<see cref="Activities.Announce"/>): the timeline
/// entry that records the step, a notice to the committee (every member who may see the report, and the escalation
/// contacts when <paramref name="Escalate"/> or when no member may), and a notice to the reporter.
/// </summary>
/// <param name="Occasion">Tells apart notices of one kind about one report, so each mail gets its own Message-ID.</param>
/// <param name="Promises">The case's own schedule, which the notices quote (see <see cref="MemberNotice.Promises"/>).</param>
/// <param name="TellPatterns">
/// Tell the members of every other report that may name the same person, who may see both, on that report (a new
/// report's announcement always does).
/// </param>
public sealed record Announcement(
    string Reference,
    TimelineEntry? Step = null,
    CommitteeNoticeKind? ToCommittee = null,
    string Occasion = "",
    bool Escalate = false,
    string? MessageId = null,
    ReporterNotice? ToReporter = null,
    bool TellPatterns = false,
    WorkflowOptions? Promises = null);

/// <summary>The notices of an <see cref="Announcement"/> whose mail was not sent: each is retried on its own.</summary>
/// <param name="RetryAfter">
/// The longest wait a throttled mail service asked for the committee's mail: the retries come no sooner, so a 429 is
/// not answered with another request at once.
/// </param>
/// <param name="ReporterRetryAfter">
/// The reporter's own wait, kept apart so that the committee's retries never wait for an answer budget's window.
/// </param>
public sealed record Unsent(IReadOnlyList<MemberNotice> Members, IReadOnlyList<EscalationNotice> Contacts, ReporterNotice? Reporter, TimeSpan? RetryAfter = null, TimeSpan? ReporterRetryAfter = null);
