using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
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
    IOptions<WorkflowOptions> workflow) : TaskActivity<MemberNotice, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, MemberNotice input) => RunAsync(input);

    /// <returns>Whether a mail was sent.</returns>
    public async Task<bool> RunAsync(MemberNotice notice)
    {
        var report = await reports.FindAsync(notice.Reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        var state = await reports.GetCaseStateAsync(notice.Reference, CancellationToken.None);
        var member = committee.Value.Find(notice.MemberId);
        if (member is null || !Audience.For(committee.Value, report, state).Includes(member.Id))
        {
            return false;
        }

        var carried = notice.MessageId is null
            ? null
            : (await reports.GetMessagesAsync(notice.Reference, CancellationToken.None)).FirstOrDefault(m => m.Id == notice.MessageId);
        var message = await CommitteeMail.ToMemberAsync(report, new Recipient(member.Name, member.Email), member.Id, notice, community.Value.Name, workflow.Value, links, carried);
        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }
}
