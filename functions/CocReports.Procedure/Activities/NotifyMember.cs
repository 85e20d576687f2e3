using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Patterns;
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
    IOptions<CommunityOptions> community,
    IPatternIndex patterns) : TaskActivity<MemberNotice, bool>
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
        var matches = notice.Kind == CommitteeNoticeKind.NewReport ? await PatternsAsync(notice.Reference, member.Id) : [];
        var message = CommitteeMail.ToMember(report, new Recipient(member.Name, member.Email), member.Id, notice, community.Value.Name, links, carried, matches);
        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }

    // Only reports this member may see: of the others they learn nothing, not even that they exist.
    async Task<IReadOnlyList<PatternMatch>> PatternsAsync(string reference, string memberId)
    {
        var others = new List<(PatternMatch, Reports.Report, CaseState)>();
        foreach (var match in await patterns.MatchesAsync(reference, CancellationToken.None))
        {
            if (await reports.FindAsync(match.Reference, CancellationToken.None) is { } other)
            {
                others.Add((match, other, await reports.GetCaseStateAsync(match.Reference, CancellationToken.None)));
            }
        }

        return PatternDisclosure.For(memberId, others, committee.Value);
    }
}
