using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// A member who reads that someone may be in danger, though the reporter did not say the incident is ongoing or that
/// they fear for their safety, marks the report urgent: every member who may see it is paged at once, an unacknowledged
/// report is owed its acknowledgment within the urgent promise from now, and overdue promises are escalated as an
/// urgent report's are. The reporter's receipt and status page are unchanged.
/// </summary>
public sealed class MarkUrgentAction(CaseDesk desk, IOptions<WorkflowOptions> workflow) : ICaseAction
{
    public CaseAction Action => CaseAction.MarkUrgent;

    public ActionForm Form(CaseContext context)
    {
        var promises = context.Report.Schedule ?? workflow.Value;
        var t = context.T;
        var form = new ActionForm(
            t.Format("Action.MarkUrgent.Heading", context.Reference),
            t.Format("Action.MarkUrgent.Explain", t.Duration(promises.AcknowledgeWithinFor(urgent: true)), t.Duration(promises.UrgentRepeatEvery)),
            t["Action.MarkUrgent.Button"],
            t.Language);
        return context.State.IsUrgent(context.Report) ? form.Note(t["Action.MarkUrgent.Already"]) : form;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var change = new CaseChange { Rule = state => state.MarkUrgent(context.MemberId, context.Now, context.Report.Details.IsUrgent), Event = CaseEventKind.MarkedUrgent };
        if (!await desk.ActAsync(context, change, cancellationToken))
        {
            return new HtmlPage(context.T.Format("Action.MarkUrgent.Not.Title", context.Reference), language: context.T.Language)
                .Heading(context.T["Action.Unchanged"])
                .Paragraph(context.T["Action.MarkUrgent.Not.Text"]);
        }

        return new HtmlPage(context.T.Format("Action.MarkUrgent.Done.Title", context.Reference), language: context.T.Language)
            .Heading(context.T["Action.MarkUrgent.Done.Heading"]).Paragraph(context.T["Action.MarkUrgent.Done.Text"]);
    }
}
