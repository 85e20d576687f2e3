using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Resolution;
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
public sealed class ResolveAction(CaseDesk desk, IOptions<TransparencyOptions> transparency, IOptions<CommitteeOptions> committee, IOptions<ResponseOptions> responses) : ICaseAction
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
            .Choice("response", "The response, from the community's ladder (optional)", [.. responses.Value.Ladder.Select(r => (r, r))])
            .Date("responseEnds", "For a response that ends (a temporary ban): until when? The members are reminded before, and told when it ends.")
            .Text("scope", "Where the response applies: spaces, events, roles (optional; the committee's only)")
            .Text("conditions", "Conditions for return (optional; the committee's only)")
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

        var response = FormValues.Text(form, "response");
        if (response is not null && !responses.Value.Ladder.Contains(response))
        {
            errors["response"] = "Please choose a response from the list.";
        }
        else if (response is not null && responses.Value.Ending.Contains(response) && (FormValues.Date(form, "responseEnds") is not { } ends || ends <= context.Now))
        {
            errors["responseEnds"] = $"A {response.ToLowerInvariant()} ends: please name the day, after today.";
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
        var response = FormValues.Text(form, "response");
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
            Response = response,
            ResponseEnds = ResponseEnds(response, form, context.Now),
            Scope = FormValues.Text(form, "scope"),
            Conditions = FormValues.Text(form, "conditions"),
        };
        var change = new CaseChange
        {
            Rule = state => state.Resolve(context.MemberId, context.Now, Audience.For(committee.Value, context.Report, state), message.ResponseEnds),
            Message = message,
            Event = CaseEventKind.Resolved,
            Note = response is null ? null : response + (message.ResponseEnds is { } ends ? ", until " + Texts.Time(ends) : ""),
        };
        if (!await desk.ActAsync(context, change, cancellationToken))
        {
            return MayDecide(context, context.State)
                ? new HtmlPage($"Report {context.Reference} already resolved").Heading("This report was already resolved.").Paragraph("Nothing was changed.")
                : NotYours(context);
        }

        return new HtmlPage($"Report {context.Reference} resolved").Heading("The report is resolved.").Paragraph("The reporter will be told the outcome.");
    }

    // A response that ends ends on the day named; one reviewed (a permanent ban) is reviewed after the community's period.
    DateTimeOffset? ResponseEnds(string? response, IFormCollection form, DateTimeOffset now) =>
        response is null ? null
        : responses.Value.Ending.Contains(response) ? FormValues.Date(form, "responseEnds")
        : responses.Value.Reviewed.Contains(response) ? now + responses.Value.ReviewAfter
        : null;

    bool MayDecide(CaseContext context, CaseState state) => state.MayDecide(context.MemberId, Audience.For(committee.Value, context.Report, state));

    const string SoftConflict = "You declared a soft conflict with this report: you may read and discuss it, and the other members decide it.";

    static HtmlPage NotYours(CaseContext context) =>
        new HtmlPage($"Report {context.Reference} not resolved").Heading("The report was not resolved.").Paragraph(SoftConflict + " Nothing was changed.");
}
