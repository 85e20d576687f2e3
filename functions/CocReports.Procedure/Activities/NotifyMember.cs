using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>
/// Emails one committee member about a report. The audience is checked again at the moment of sending, so a member
/// who recused after the workflow decided to write to them still receives nothing.
/// </summary>
public sealed class NotifyMember(
    IReportStore reports,
    OnceOnlyMail mail,
    ActionLinks links,
    IOptions<CommitteeOptions> committee,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow,
    IOptions<NotificationOptions> notifications,
    ReportPatterns patterns) : TaskActivity<MemberNotice, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, MemberNotice input) => RunAsync(input);

    /// <returns>Whether a mail was sent.</returns>
    public async Task<bool> RunAsync(MemberNotice notice)
    {
        var report = await reports.FindAsync(notice.Reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        var audience = Audience.For(committee.Value, report, await reports.GetCaseStateAsync(notice.Reference, CancellationToken.None));
        if (!audience.Includes(notice.MemberId))
        {
            return false;
        }

        var carried = notice.MessageId is null
            ? null
            : (await reports.GetMessagesAsync(notice.Reference, CancellationToken.None)).FirstOrDefault(m => m.Id == notice.MessageId);
        var others = notice.Kind == CommitteeNoticeKind.NewReport ? await OtherReportsAsync(report) : [];
        if (await ComposeAsync(report, audience, notice, carried, others) is not { } message)
        {
            return false;
        }

        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// The member's mail, or null when they may not hear about the report now. <paramref name="others"/>: the reports
    /// sharing an identifier with this one (<see cref="OtherReportsAsync"/>), of which the member is told only those
    /// they may see: of the others they learn nothing, not even that they exist.
    /// </summary>
    public async Task<OutgoingMail?> ComposeAsync(Report report, Audience audience, MemberNotice notice, CaseMessage? carried, IReadOnlyList<OtherReport> others) =>
        committee.Value.Find(notice.MemberId) is { } member && audience.Includes(member.Id)
            ? await CommitteeMail.ToMemberAsync(
                report, new Recipient(member.Name, member.Email), member.Id, notice, community.Value.Name, workflow.Value, links,
                Disclosure.For(notifications.Value.Content, member.OpenPgpPublicKey), carried,
                patterns.ForMember(member.Id, others))
            : null;

    /// <summary>
    /// Indexes a new report's identifiers (whichever door it came through) and reads the earlier reports that may name
    /// the same person, once for every member's mail.
    /// </summary>
    public async Task<IReadOnlyList<OtherReport>> OtherReportsAsync(Report report)
    {
        await patterns.IndexAsync(report, CancellationToken.None);
        return await patterns.OthersAsync(report.Reference, CancellationToken.None);
    }
}
