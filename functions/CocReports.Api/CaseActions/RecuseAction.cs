using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// "If a committee member has a conflict of interest, they will recuse themselves": no reason asked. From then on
/// the member gets no mail about the report and every link they hold for it stops working.
/// </summary>
public sealed class RecuseAction(CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.Recuse;

    public ActionForm Form(CaseContext context) =>
        new($"Recuse yourself from report {context.Reference}", "You don't need to give a reason. You will receive nothing more about this report and your links to it will stop working. This cannot be undone from here.", "Recuse myself");

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        await desk.ActAsync(context, new CaseChange { Rule = state => state.Recuse(context.MemberId), Event = CaseEventKind.Recused }, cancellationToken);

        return new HtmlPage("You have recused yourself")
            .Heading("You have recused yourself.")
            .Paragraph("You will receive nothing more about this report. Thank you for keeping the process fair.");
    }
}
