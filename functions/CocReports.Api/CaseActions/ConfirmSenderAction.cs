using CocReports.Api.Intake.Mail;
using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// The From address of an emailed report no server vouched for confirms it sent the report, and becomes its contact.
/// The page says nothing of the report: whoever holds the link may not be the one who wrote it.
/// </summary>
public sealed class ConfirmSenderAction(IReportStore reports, SenderConfirmation confirmation, CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.ConfirmSender;

    public bool HeldByReporter => true;

    public ActionForm Form(CaseContext context)
    {
        var t = Texts.For(context.Report.Details.Language);
        var explanation = context.Report.SealedAnonymousSender is null ? t["ConfirmSender.Explanation"] : t["ConfirmSender.AnonymousExplanation"];
        return new ActionForm(t["ConfirmSender.Heading"], explanation, t["ConfirmSender.Button"], t.Language);
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = Texts.For(context.Report.Details.Language);
        Report? confirmed = null;
        var confirm = new CaseChange { Keep = async ct => (confirmed = await reports.TryConfirmSenderAsync(context.Reference, ct)) is not null, Step = CaseStep.SenderConfirmed };
        if (!await desk.ActAsync(context, confirm, cancellationToken))
        {
            return new HtmlPage(t["ConfirmSender.Heading"], language: t.Language).Heading(t["ConfirmSender.Already"]);
        }

        // After the resolution a receipt promises what is already over.
        if (context.State.ResolvedAt is null)
        {
            await confirmation.SendReceiptAsync(context.Report, confirmed!);
        }

        // An anonymous sender is not the committee's contact: only the receipt goes to the address.
        var done = context.Report.SealedAnonymousSender is null ? t["ConfirmSender.Done"] : t["ConfirmSender.AnonymousDone"];
        return new HtmlPage(t["ConfirmSender.Heading"], language: t.Language).Heading(done);
    }
}
