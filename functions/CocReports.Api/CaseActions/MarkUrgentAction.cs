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
        var t = Texts.For(Texts.Default);
        var form = new ActionForm(
            $"Mark report {context.Reference} urgent",
            $"Mark it urgent if someone may be in danger. Every member is paged now; if it is not acknowledged yet, it is owed its acknowledgment within {t.Duration(promises.AcknowledgeWithinFor(urgent: true))}; "
                + $"an overdue promise is escalated every {t.Duration(promises.UrgentRepeatEvery)}. Any one member may then take an interim measure at once.",
            "Mark it urgent");
        return context.State.IsUrgent(context.Report) ? form.Note("This report is already urgent: marking it again changes nothing.") : form;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var change = new CaseChange { Rule = state => state.MarkUrgent(context.MemberId, context.Now, context.Report.Details.IsUrgent), Event = CaseEventKind.MarkedUrgent };
        if (!await desk.ActAsync(context, change, cancellationToken))
        {
            return new HtmlPage($"Report {context.Reference} not marked urgent")
                .Heading("Nothing was changed.")
                .Paragraph("The report is already urgent (the reporter said so, or another member marked it first), or it is resolved.");
        }

        return new HtmlPage($"Report {context.Reference} marked urgent").Heading("The report is marked urgent.").Paragraph("Every member who may see it is paged now.");
    }
}
