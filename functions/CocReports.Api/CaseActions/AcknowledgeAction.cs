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
        new($"Acknowledge report {context.Reference}", "Acknowledging tells the reporter that the committee received the report and will discuss it.", "Acknowledge the report");

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        if (!await desk.ActAsync(context, new CaseChange { Rule = state => state.Acknowledge(context.MemberId, context.Now), Event = CaseEventKind.Acknowledged }, cancellationToken))
        {
            var state = await cases.GetCaseStateAsync(context.Reference, cancellationToken);
            return new HtmlPage($"Report {context.Reference} already acknowledged")
                .Heading("This report was already acknowledged.")
                .Paragraph($"{(state.AcknowledgedBy == context.MemberId ? "You" : "Another member")} acknowledged it first. Nothing was changed.");
        }

        return new HtmlPage($"Report {context.Reference} acknowledged")
            .Heading("Thank you. The report is acknowledged.")
            .Paragraph("The reporter will be told that the committee received the report and will discuss it.");
    }
}
