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
        return MayDecide(context, context.State) ? form : form.Note(context.T["Action.Resolve.SoftConflict"]);
    }

    ActionForm Fields(CaseContext context) =>
        new ActionForm(context.T.Format("Action.Resolve.Heading", context.Reference), context.T["Action.Resolve.Explain"], context.T["Action.Resolve.Button"], context.T.Language)
            .Choice("violation", context.T["Action.Violation"], ("yes", context.T["Action.Yes"]), ("no", context.T["Action.No"]))
            .Choice("incidentType", context.T["Action.Resolve.IncidentType"], [.. transparency.Value.IncidentTypes.Select(t => (t, t))])
            .Text("actions", context.T["Action.Actions"])
            .Choice("response", context.T["Action.Resolve.Response"], [.. responses.Value.Ladder.Select(r => (r, r))])
            .Date("responseEnds", context.T["Action.Resolve.ResponseEnds"])
            .Text("scope", context.T["Action.Resolve.Scope"])
            .Text("conditions", context.T["Action.Resolve.Conditions"])
            .Text("message", context.T["Action.Message"])
            .Text("publicSummary", context.T["Action.Resolve.PublicSummary"])
            .Check("cannotBeAnonymized", context.T["Action.Resolve.CannotBeAnonymized"]);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        if (!MayDecide(context, context.State))
        {
            errors["violation"] = context.T["Action.Resolve.SoftConflict"];
        }

        if (FormValues.Finding(form, "violation") is not (Finding.Yes or Finding.No))
        {
            errors["violation"] = context.T["Action.Resolve.ViolationMissing"];
        }

        if (FormValues.Text(form, "incidentType") is not { } type || !transparency.Value.IncidentTypes.Contains(type))
        {
            errors["incidentType"] = context.T["Action.Resolve.IncidentTypeMissing"];
        }

        var response = FormValues.Text(form, "response");
        if (response is not null && !responses.Value.Ladder.Contains(response))
        {
            errors["response"] = context.T["Action.Resolve.ResponseUnknown"];
        }
        else if (response is not null && responses.Value.Ending.Contains(response) && (FormValues.Date(form, "responseEnds") is not { } ends || ends <= context.Now))
        {
            errors["responseEnds"] = context.T.Format("Action.Resolve.ResponseEndsMissing", context.T.Language == Texts.Default ? response.ToLowerInvariant() : response);
        }

        var cannotBeAnonymized = FormValues.Text(form, "cannotBeAnonymized") == "true";
        if (FormValues.Text(form, "publicSummary") is null == !cannotBeAnonymized)
        {
            errors["publicSummary"] = context.T["Action.Resolve.PublicSummaryMissing"];
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
                ? new HtmlPage(context.T.Format("Action.Resolve.Already.Title", context.Reference), language: context.T.Language).Heading(context.T["Action.Resolve.Already.Heading"]).Paragraph(context.T["Action.Unchanged"])
                : NotYours(context);
        }

        // An appeal's finding is recorded on the case it appealed too: its members see how the appeal ended.
        if (context.Report.Appeal is { } appeal)
        {
            var decided = new CaseMessage
            {
                Id = CaseContext.NewMessageId(),
                Kind = CaseMessageKind.AppealDecided,
                At = context.Now,
                From = context.MemberId,
                Violation = message.Violation,
                Response = message.Response,
                ResponseEnds = message.ResponseEnds,
                Case = context.Reference,
            };
            await desk.RecordAsync(appeal.Of, context.MemberId, context.Now, context.Workflows, new CaseChange { Message = decided }, cancellationToken);
        }

        return new HtmlPage(context.T.Format("Action.Resolve.Done.Title", context.Reference), language: context.T.Language)
            .Heading(context.T["Action.Resolve.Done.Heading"]).Paragraph(context.T["Action.Resolve.Done.Text"]);
    }

    // A response that ends ends on the day named; one reviewed (a permanent ban) is reviewed after the community's period.
    DateTimeOffset? ResponseEnds(string? response, IFormCollection form, DateTimeOffset now) =>
        response is null ? null
        : responses.Value.Ending.Contains(response) ? FormValues.Date(form, "responseEnds")
        : responses.Value.Reviewed.Contains(response) ? now + responses.Value.ReviewAfter
        : null;

    bool MayDecide(CaseContext context, CaseState state) => state.MayDecide(context.MemberId, Audience.For(committee.Value, context.Report, state));

    static HtmlPage NotYours(CaseContext context) =>
        new HtmlPage(context.T.Format("Action.Resolve.Not.Title", context.Reference), language: context.T.Language)
            .Heading(context.T["Action.Resolve.Not.Heading"]).Paragraph(context.T["Action.Resolve.SoftConflict"] + " " + context.T["Action.Unchanged"]);
}
