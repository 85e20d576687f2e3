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
        new(context.T.Format("Action.Recuse.Heading", context.Reference), context.T["Action.Recuse.Explain"], context.T["Action.Recuse.Button"], context.T.Language);

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        await desk.ActAsync(context, new CaseChange { Rule = state => state.Recuse(context.MemberId), Event = CaseEventKind.Recused }, cancellationToken);

        return new HtmlPage(context.T["Action.Recused.Title"], language: context.T.Language)
            .Heading(context.T["Action.Recused.Heading"])
            .Paragraph(context.T["Action.Recused.Text"]);
    }
}
