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
    IMailSender mail,
    SealedSecret sealer,
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

        var message = notice.Kind switch
        {
            ReporterNoticeKind.Receipt => ReporterMail.Receipt(
                report,
                sealer.Open(notice.SealedReceiptCode ?? throw new InvalidOperationException("The receipt needs the receipt code.")),
                reporterLinks.StatusPage(report.Reference),
                community.Value.Name,
                workflow.Value.AcknowledgeWithin),
            ReporterNoticeKind.Acknowledged => ReporterMail.Acknowledged(report, community.Value.Name),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, null),
        };
        await mail.SendAsync(message, CancellationToken.None);
        return true;
    }
}
