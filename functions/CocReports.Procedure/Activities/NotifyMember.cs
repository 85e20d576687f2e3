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
    ICaseStates cases,
    ICaseMessages caseMessages,
    ISentMailLedger sentMail,
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
        var state = await cases.GetCaseStateAsync(notice.Reference, CancellationToken.None);
        var audience = Audience.For(committee.Value, report, state);
        if (!audience.Includes(notice.MemberId))
        {
            return false;
        }

        var carried = notice.MessageId is null
            ? null
            : (await caseMessages.GetMessagesAsync(notice.Reference, CancellationToken.None)).FirstOrDefault(m => m.Id == notice.MessageId);
        var others = notice.Kind switch
        {
            CommitteeNoticeKind.NewReport => await OtherReportsAsync(report),
            CommitteeNoticeKind.PatternFound => await NamedAsync(notice),
            _ => [],
        };
        if (await ComposeAsync(report, state, audience, notice, carried, others) is not { } message)
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
    public async Task<OutgoingMail?> ComposeAsync(Report report, CaseState state, Audience audience, MemberNotice notice, CaseMessage? carried, IReadOnlyList<OtherReport> others)
    {
        if (committee.Value.Find(notice.MemberId) is not { } member || !audience.Includes(member.Id))
        {
            return null;
        }

        // A pattern is news only to a member who may see the other report too; the others learn nothing of it.
        var shown = patterns.ForMember(member.Id, others);
        return notice.Kind == CommitteeNoticeKind.PatternFound && shown.Count == 0
            ? null
            : await CommitteeMail.ToMemberAsync(
                report, new Recipient(member.Name, member.Email), member.Id, notice, community.Value.Name, notice.Promises ?? workflow.Value, links,
                Disclosure.For(notifications.Value.Content, member.OpenPgpPublicKey), carried, shown, state.IsUrgent(report), committee.Value.TextsFor(member.Id));
    }

    /// <summary>
    /// "A later match on an old report is told to its current members too": for each other report sharing an
    /// identifier with <paramref name="report"/>, a mail on that report to each of its members who may see both, naming
    /// <paramref name="report"/>. Once per pair of reports and member, whichever of the two the match was found from.
    /// </summary>
    public async Task<IReadOnlyList<(MemberNotice Notice, OutgoingMail Mail)>> PatternFoundAsync(Report report, CaseState state, IReadOnlyList<OtherReport> others)
    {
        var mails = new List<(MemberNotice, OutgoingMail)>();
        foreach (var other in others)
        {
            var audience = Audience.For(committee.Value, other.Report, other.State);
            var notices = audience.MemberIds.Select(id => new MemberNotice(other.Report.Reference, id, CommitteeNoticeKind.PatternFound, report.Reference)).ToList();
            var toldTheOtherWay = await sentMail.SentMailAmongAsync(report.Reference, [.. notices.Select(n => CommitteeMail.MessageId(Reversed(n)))], CancellationToken.None);
            OtherReport named = new(other.Match with { Reference = report.Reference }, report, state);
            foreach (var notice in notices.Where(n => !toldTheOtherWay.Contains(CommitteeMail.MessageId(Reversed(n)))))
            {
                if (await ComposeAsync(other.Report, other.State, audience, notice, null, [named]) is { } mail)
                {
                    mails.Add((notice, mail));
                }
            }
        }

        return mails;
    }

    /// <summary>The report a <see cref="CommitteeNoticeKind.PatternFound"/> notice names, while the two still share an identifier and the pair was not told the other way round.</summary>
    async Task<IReadOnlyList<OtherReport>> NamedAsync(MemberNotice notice) =>
        await sentMail.IsMailSentAsync(notice.Occasion, CommitteeMail.MessageId(Reversed(notice)), CancellationToken.None)
            ? []
            : [.. (await patterns.OthersAsync(notice.Reference, CancellationToken.None)).Where(o => o.Report.Reference == notice.Occasion)];

    static MemberNotice Reversed(MemberNotice notice) => notice with { Reference = notice.Occasion, Occasion = notice.Reference };

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
