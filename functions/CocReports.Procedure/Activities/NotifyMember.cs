using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
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
    IOptions<CommunityOptions> community) : TaskActivity<MemberNotice, bool>
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
        if (Compose(report, audience, notice, carried) is not { } message)
        {
            return false;
        }

        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }

    /// <summary>The member's mail, or null when they may not hear about the report now.</summary>
    public OutgoingMail? Compose(Report report, Audience audience, MemberNotice notice, CaseMessage? carried) =>
        committee.Value.Find(notice.MemberId) is { } member && audience.Includes(member.Id)
            ? CommitteeMail.ToMember(report, new Recipient(member.Name, member.Email), member.Id, notice, community.Value.Name, links, carried)
            : null;
}
