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
    ICaseMessages caseMessages,
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
        var messages = notice.MessageId is null ? [] : await caseMessages.GetMessagesAsync(notice.Reference, CancellationToken.None);
        if (await ComposeAsync(report, notice, messages) is not { } message)
        {
            return false;
        }

        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// The reporter's mail, in their language, or null when there is none to send: anonymous reporters follow the status
    /// page, and one who mailed their report got its receipt at import. <paramref name="messages"/>: the case's, when the
    /// notice carries one. Replies to it reach the case through its reply address.
    /// </summary>
    public async Task<OutgoingMail?> ComposeAsync(Report report, ReporterNotice notice, IReadOnlyList<CaseMessage> messages)
    {
        if (report.Details.IsAnonymous || (notice.Kind == ReporterNoticeKind.Receipt && !report.MailReceipt))
        {
            return null;
        }

        // A draft public statement asks only the parties it names: the reporter may not be one of them.
        if (notice.Kind == ReporterNoticeKind.ConsentAsked && !Carried(notice, messages).Asked.Contains(ActionLinks.Reporter))
        {
            return null;
        }

        var status = reporterLinks.StatusPage(report.Reference, report.Details.Language);
        var message = notice.Kind switch
        {
            ReporterNoticeKind.Receipt => await ReporterMail.ReceiptAsync(
                report,
                notice.SealedReceiptCode is null ? null : sealer.Open(notice.SealedReceiptCode),
                status,
                community.Value.Name,
                notice.Promises ?? workflow.Value),
            ReporterNoticeKind.Acknowledged => await ReporterMail.AcknowledgedAsync(report, community.Value.Name, notice.Promises ?? workflow.Value),
            ReporterNoticeKind.FollowUp => await ReporterMail.FollowUpAsync(report, Carried(notice, messages), status),
            ReporterNoticeKind.StatusUpdate => await ReporterMail.StatusUpdateAsync(report, Carried(notice, messages), status),
            ReporterNoticeKind.Question => await ReporterMail.QuestionAsync(report, Carried(notice, messages), links.Create(report.Reference, ActionLinks.Reporter, CaseAction.Answer)),
            ReporterNoticeKind.Resolved => await ReporterMail.ResolvedAsync(report, Carried(notice, messages), status, AppealOf(report, Carried(notice, messages))),
            ReporterNoticeKind.ConsentAsked => await ReporterMail.ConsentAsync(report, Carried(notice, messages), links.Create(report.Reference, ActionLinks.Reporter, CaseAction.Consent)),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, null),
        };
        // A receipt to whoever a message's From named is the door's answer, within its budget; the committee's own mail
        // and a form reporter's receipt are not.
        var answersMail = notice.Kind == ReporterNoticeKind.Receipt && report.Door is Door.Email or Door.Webhook;
        return message with { ReplyTo = replies.For(report.Reference), AnswersInboundMail = answersMail };
    }

    // The window runs from the resolution, on the case's own schedule; an appeal's resolution is not appealed again.
    AppealOffer? AppealOf(Report report, CaseMessage resolution) =>
        report.Appeal is null ? AppealOffer.For(report, resolution.At, ActionLinks.Reporter, workflow.Value, links) : null;

    static CaseMessage Carried(ReporterNotice notice, IReadOnlyList<CaseMessage> messages) =>
        messages.FirstOrDefault(m => m.Id == notice.MessageId)
        ?? throw new InvalidOperationException("The message to send is not stored.");
}
