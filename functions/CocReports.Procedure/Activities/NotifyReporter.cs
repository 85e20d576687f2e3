using CocReports.Procedure.Committee;
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
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow) : TaskActivity<ReporterNotice, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ReporterNotice input) => RunAsync(input);

    public async Task<bool> RunAsync(ReporterNotice notice)
    {
        var report = await reports.FindAsync(notice.Reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        if (report.Details.IsAnonymous)
        {
            return false;
        }

        var status = reporterLinks.StatusPage(report.Reference, report.Details.Language);
        var message = notice.Kind switch
        {
            ReporterNoticeKind.Receipt => await ReporterMail.ReceiptAsync(
                report,
                notice.SealedReceiptCode is null ? null : sealer.Open(notice.SealedReceiptCode),
                status,
                community.Value.Name,
                workflow.Value),
            ReporterNoticeKind.Acknowledged => await ReporterMail.AcknowledgedAsync(report, community.Value.Name, workflow.Value),
            ReporterNoticeKind.FollowUp => await ReporterMail.FollowUpAsync(report, await MessageAsync(notice), status),
            ReporterNoticeKind.StatusUpdate => await ReporterMail.StatusUpdateAsync(report, await MessageAsync(notice), status),
            ReporterNoticeKind.Question => await ReporterMail.QuestionAsync(report, await MessageAsync(notice), links.Create(report.Reference, ActionLinks.Reporter, CaseAction.Answer)),
            ReporterNoticeKind.Resolved => await ReporterMail.ResolvedAsync(report, await MessageAsync(notice), status),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, null),
        };
        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }

    async Task<CaseMessage> MessageAsync(ReporterNotice notice) =>
        (await reports.GetMessagesAsync(notice.Reference, CancellationToken.None)).FirstOrDefault(m => m.Id == notice.MessageId)
        ?? throw new InvalidOperationException("The message to send is not stored.");
}
