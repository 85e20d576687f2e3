using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Transparency;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// Resolves the report with its outcome, and what the yearly transparency report may say of it: a generalized
/// description, or, when it can't be anonymized, only that a report was made; and the incident type it is counted under.
/// </summary>
public sealed class ResolveAction(CaseDesk desk, IOptions<TransparencyOptions> transparency, IOptions<CommitteeOptions> committee) : ICaseAction
{
    public CaseAction Action => CaseAction.Resolve;

    public bool NeedsStepUp => true;

    public bool WaitsForDeclaration => true;

    // A member with a soft conflict is told on the form and refused before the link is spent; the case's rule refuses them again as it acts.
    public ActionForm Form(CaseContext context)
    {
        var form = Fields(context);
        return MayDecide(context, context.State) ? form : form.Note(SoftConflict);
    }

    ActionForm Fields(CaseContext context) =>
        new ActionForm($"Resolve report {context.Reference}", "The reporter is told the outcome. The evidence is kept for the retention period, then deleted; the outcome is kept.", "Resolve the report")
            .Choice("violation", "Was it found to be a violation of the Code of Conduct?", ("yes", "Yes"), ("no", "No"))
            .Choice("incidentType", "For the transparency report: what kind of incident was it?", [.. transparency.Value.IncidentTypes.Select(t => (t, t))])
            .Text("actions", "What actions, if any, were taken?")
            .Text("message", "Anything else for the reporter (optional)")
            .Text("publicSummary", "For the transparency report: a generalized description with nothing about the reporter or the reported person")
            .Check("cannotBeAnonymized", "This report cannot be anonymized: the transparency report will only note that a report was made");

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        if (!MayDecide(context, context.State))
        {
            errors["violation"] = SoftConflict;
        }

        if (FormValues.Finding(form, "violation") is not (Finding.Yes or Finding.No))
        {
            errors["violation"] = "Please say whether it was found to be a violation.";
        }

        if (FormValues.Text(form, "incidentType") is not { } type || !transparency.Value.IncidentTypes.Contains(type))
        {
            errors["incidentType"] = "Please choose the kind of incident.";
        }

        var cannotBeAnonymized = FormValues.Text(form, "cannotBeAnonymized") == "true";
        if (FormValues.Text(form, "publicSummary") is null == !cannotBeAnonymized)
        {
            errors["publicSummary"] = "Please give a generalized description for the transparency report, or tick that it cannot be anonymized (not both).";
        }

        return errors;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var message = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.Resolution,
            At = context.Now,
            From = context.MemberId,
            Violation = FormValues.Finding(form, "violation"),
            Actions = FormValues.Text(form, "actions"),
            Text = FormValues.Text(form, "message") ?? "",
            PublicSummary = FormValues.Text(form, "publicSummary"),
            IncidentType = FormValues.Text(form, "incidentType"),
        };
        if (!await desk.ActAsync(context, new CaseChange { Rule = state => state.Resolve(context.MemberId, context.Now, Audience.For(committee.Value, context.Report, state)), Message = message, Event = CaseEventKind.Resolved }, cancellationToken))
        {
            return MayDecide(context, context.State)
                ? new HtmlPage($"Report {context.Reference} already resolved").Heading("This report was already resolved.").Paragraph("Nothing was changed.")
                : NotYours(context);
        }

        return new HtmlPage($"Report {context.Reference} resolved").Heading("The report is resolved.").Paragraph("The reporter will be told the outcome.");
    }

    bool MayDecide(CaseContext context, CaseState state) => state.MayDecide(context.MemberId, Audience.For(committee.Value, context.Report, state));

    const string SoftConflict = "You declared a soft conflict with this report: you may read and discuss it, and the other members decide it.";

    static HtmlPage NotYours(CaseContext context) =>
        new HtmlPage($"Report {context.Reference} not resolved").Heading("The report was not resolved.").Paragraph(SoftConflict + " Nothing was changed.");
}
