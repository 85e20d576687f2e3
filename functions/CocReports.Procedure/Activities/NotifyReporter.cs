using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
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
        if (report.Details.IsAnonymous || (notice.Kind == ReporterNoticeKind.Receipt && !report.MailReceipt))
        {
            return false;
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
            ReporterNoticeKind.FollowUp => ReporterMail.FollowUp(report, await MessageAsync(notice), status),
            ReporterNoticeKind.StatusUpdate => ReporterMail.StatusUpdate(report, await MessageAsync(notice), status),
            ReporterNoticeKind.Question => ReporterMail.Question(report, await MessageAsync(notice), links.Create(report.Reference, ActionLinks.Reporter, CaseAction.Answer)),
            ReporterNoticeKind.Resolved => ReporterMail.Resolved(report, await MessageAsync(notice), status),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, null),
        };
        await mail.SendAsync(notice.Reference, message with { ReplyTo = replies.For(report.Reference) }, CancellationToken.None);
        return true;
    }

    async Task<CaseMessage> MessageAsync(ReporterNotice notice) =>
        (await reports.GetMessagesAsync(notice.Reference, CancellationToken.None)).FirstOrDefault(m => m.Id == notice.MessageId)
        ?? throw new InvalidOperationException("The message to send is not stored.");
}
