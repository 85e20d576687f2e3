using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>"We strive to acknowledge your report within 48 hours." The first acknowledgment wins.</summary>
public sealed class AcknowledgeAction(ICaseStates cases, CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.Acknowledge;

    public ActionForm Form(CaseContext context) =>
        new(context.T.Format("Action.Acknowledge.Heading", context.Reference), context.T["Action.Acknowledge.Explain"], context.T["Action.Acknowledge.Button"], context.T.Language);

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        if (!await desk.ActAsync(context, new CaseChange { Rule = state => state.Acknowledge(context.MemberId, context.Now), Event = CaseEventKind.Acknowledged }, cancellationToken))
        {
            var state = await cases.GetCaseStateAsync(context.Reference, cancellationToken);
            return new HtmlPage(context.T.Format("Action.Acknowledge.Already.Title", context.Reference), language: context.T.Language)
                .Heading(context.T["Action.Acknowledge.Already.Heading"])
                .Paragraph(context.T[state.AcknowledgedBy == context.MemberId ? "Action.Acknowledge.Already.You" : "Action.Acknowledge.Already.Another"]);
        }

        return new HtmlPage(context.T.Format("Action.Acknowledge.Done.Title", context.Reference), language: context.T.Language)
            .Heading(context.T["Action.Acknowledge.Done.Heading"])
            .Paragraph(context.T["Action.Acknowledge.Done.Text"]);
    }
}
