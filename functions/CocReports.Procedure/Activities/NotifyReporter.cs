using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>Emails the reporter, when they gave an address. Anonymous reporters follow the status page instead.</summary>
public sealed class NotifyReporter(
    IReportStore reports,
    OnceOnlyMail mail,
    SealedSecret sealer,
    ActionLinks links,
    ReporterLinks reporterLinks,
    ReplyAddress replies,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow) : TaskActivity<ReporterNotice, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ReporterNotice input) => RunAsync(input);

    public async Task<bool> RunAsync(ReporterNotice notice)
    {
        var report = await reports.FindAsync(notice.Reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        var messages = notice.MessageId is null ? [] : await reports.GetMessagesAsync(notice.Reference, CancellationToken.None);
        if (Compose(report, notice, messages) is not { } message)
        {
            return false;
        }

        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// The reporter's mail, or null when there is none to send: anonymous reporters follow the status page, and one who
    /// mailed their report got its receipt at import. <paramref name="messages"/>: the case's, when the notice carries one.
    /// Replies to it reach the case through its reply address.
    /// </summary>
    public OutgoingMail? Compose(Report report, ReporterNotice notice, IReadOnlyList<CaseMessage> messages)
    {
        if (report.Details.IsAnonymous || (notice.Kind == ReporterNoticeKind.Receipt && !report.MailReceipt))
        {
            return null;
        }

        var status = reporterLinks.StatusPage(report.Reference);
        var message = notice.Kind switch
        {
            ReporterNoticeKind.Receipt => ReporterMail.Receipt(
                report,
                notice.SealedReceiptCode is null ? null : sealer.Open(notice.SealedReceiptCode),
                status,
                community.Value.Name,
                workflow.Value.AcknowledgeWithin),
            ReporterNoticeKind.Acknowledged => ReporterMail.Acknowledged(report, community.Value.Name),
            ReporterNoticeKind.FollowUp => ReporterMail.FollowUp(report, Carried(notice, messages), status),
            ReporterNoticeKind.StatusUpdate => ReporterMail.StatusUpdate(report, Carried(notice, messages), status),
            ReporterNoticeKind.Question => ReporterMail.Question(report, Carried(notice, messages), links.Create(report.Reference, ActionLinks.Reporter, CaseAction.Answer)),
            ReporterNoticeKind.Resolved => ReporterMail.Resolved(report, Carried(notice, messages), status),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, null),
        };
        return message with { ReplyTo = replies.For(report.Reference) };
    }

    static CaseMessage Carried(ReporterNotice notice, IReadOnlyList<CaseMessage> messages) =>
        messages.FirstOrDefault(m => m.Id == notice.MessageId)
        ?? throw new InvalidOperationException("The message to send is not stored.");
}
