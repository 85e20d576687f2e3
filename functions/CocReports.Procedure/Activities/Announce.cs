using CocReports.Procedure.Committee;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>
/// One step's notices in one activity instead of one per recipient: the report, its case and its sent-mail ledger are
/// read once, the step is written to the timeline, and every mail is sent side by side. The audience is decided at
/// the moment of sending, as <see cref="NotifyMember"/> does. A recipient whose mail failed is handed back, so the
/// workflow retries that mail alone (<see cref="NotifyMember"/>, <see cref="NotifyEscalationContact"/>,
/// <see cref="NotifyReporter"/>, with the mail retry policy, and no sooner than a throttled mail service asked) while everyone else already has theirs.
/// A new report (or one a member gave new identifiers) is also told on every other report that may name the same
/// person, to the members who may see both (<see cref="NotifyMember.PatternFoundAsync"/>). An urgent one also pages
/// its members (<see cref="PageMembers"/>).
/// Safe to run twice: the timeline row has a deterministic key, the open-case listing merges, and the ledger skips
/// mail already sent.
/// </summary>
public sealed class Announce(
    IReportStore reports,
    ICaseStates cases,
    ICaseMessages caseMessages,
    IOpenCasesProjection openCases,
    OnceOnlyMail mail,
    RecordStep record,
    NotifyMember members,
    NotifyEscalationContact contacts,
    NotifyReporter reporter,
    PageMembers pages,
    IOptions<CommitteeOptions> committee) : TaskActivity<Announcement, Unsent>
{
    public override Task<Unsent> RunAsync(TaskActivityContext context, Announcement input) => RunAsync(input);

    public async Task<Unsent> RunAsync(Announcement announcement)
    {
        var reference = announcement.Reference;
        var report = await reports.FindAsync(reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        if (announcement.Step is { } step)
        {
            await record.RunAsync(new StepRecord(reference, step));
        }

        var state = await cases.GetCaseStateAsync(reference, CancellationToken.None);
        var audience = Audience.For(committee.Value, report, state);
        if (announcement.ToCommittee == CommitteeNoticeKind.NewReport)
        {
            // Listed here rather than at intake: the reporter doesn't wait for it, and it is listed before the first
            // mail's Open cases link can be followed, whichever door the report came through.
            await openCases.ListOpenCaseAsync(report, audience.MemberIds, CancellationToken.None);
        }
        var carriesMessage = announcement.MessageId is not null || announcement.ToReporter?.MessageId is not null;
        var messages = carriesMessage ? await caseMessages.GetMessagesAsync(reference, CancellationToken.None) : [];

        // The other reports that may name the same person: named in a new report's mail, and told of it themselves.
        var tellsPatterns = announcement.ToCommittee == CommitteeNoticeKind.NewReport || announcement.TellPatterns;
        var others = tellsPatterns ? await members.OtherReportsAsync(report) : [];

        var mails = new List<(object Notice, OutgoingMail Mail)>();
        if (announcement.ToCommittee is { } kind)
        {
            var carried = messages.FirstOrDefault(m => m.Id == announcement.MessageId);
            var named = kind == CommitteeNoticeKind.NewReport ? others : [];
            foreach (var id in audience.MemberIds)
            {
                var notice = new MemberNotice(reference, id, kind, announcement.Occasion, announcement.MessageId, announcement.Promises);
                if (await members.ComposeAsync(report, state, audience, notice, carried, named) is { } toMember)
                {
                    mails.Add((notice, toMember));
                }
            }

            for (var i = 0; (announcement.Escalate || audience.ToEscalationContacts) && i < audience.EscalationContactCount; i++)
            {
                var notice = new EscalationNotice(reference, i, kind, announcement.Occasion, announcement.Promises);
                if (await contacts.ComposeAsync(report, state, audience, notice) is { } toContact)
                {
                    mails.Add((notice, toContact));
                }
            }
        }

        if (announcement.ToReporter is { } toReporter && await reporter.ComposeAsync(report, toReporter, messages) is { } receipt)
        {
            mails.Add((toReporter, receipt));
        }

        // Each other report's mail goes in that report's ledger, so the pair is told once whichever report finds it.
        var patternMails = tellsPatterns ? await members.PatternFoundAsync(report, state, others) : [];
        var failed = new Dictionary<string, TimeSpan?>(await mail.SendEachAsync(reference, [.. mails.Select(m => m.Mail)], CancellationToken.None), StringComparer.Ordinal);
        foreach (var onOther in patternMails.GroupBy(m => m.Notice.Reference, StringComparer.Ordinal))
        {
            foreach (var (id, wait) in await mail.SendEachAsync(onOther.Key, [.. onOther.Select(m => m.Mail)], CancellationToken.None))
            {
                failed[id] = wait;
            }
        }

        // An urgent report, as it arrives or once a member marks it, also pages the members who have a pager.
        if (announcement.ToCommittee is CommitteeNoticeKind.NewReport or CommitteeNoticeKind.MarkedUrgent && state.IsUrgent(report))
        {
            await pages.RunAsync(report, state, audience);
        }

        var unsent = mails.Concat(patternMails.Select(m => (Notice: (object)m.Notice, m.Mail))).Where(m => failed.ContainsKey(m.Mail.MessageId)).ToList();
        var reporterWait = unsent.Where(m => m.Notice is ReporterNotice).Select(m => failed[m.Mail.MessageId]).FirstOrDefault();
        return new Unsent(
            [.. unsent.Select(m => m.Notice).OfType<MemberNotice>()],
            [.. unsent.Select(m => m.Notice).OfType<EscalationNotice>()],
            unsent.Select(m => m.Notice).OfType<ReporterNotice>().FirstOrDefault(),
            unsent.Where(m => m.Notice is not ReporterNotice).Select(m => failed[m.Mail.MessageId]).Max(),
            reporterWait);
    }
}
