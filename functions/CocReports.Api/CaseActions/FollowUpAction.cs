using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// "Within one week of an incident report, the committee will follow up with the person who made the report": whether
/// it discussed the situation, whether it was a violation, what actions were taken.
/// </summary>
public sealed class FollowUpAction(CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.FollowUp;

    public ActionForm Form(CaseContext context) =>
        new ActionForm(context.T.Format("Action.FollowUp.Heading", context.Reference), context.T["Action.FollowUp.Explain"], context.T["Action.FollowUp.Button"], context.T.Language)
            .Choice("discussed", context.T["Action.Discussed"], ("yes", context.T["Action.Yes"]), ("no", context.T["Action.NotYet"]))
            .Choice("violation", context.T["Action.Violation"], ("yes", context.T["Action.Yes"]), ("no", context.T["Action.No"]), ("undecided", context.T["Action.Undecided"]))
            .Text("actions", context.T["Action.Actions"])
            .Text("message", context.T["Action.Message"])
            .Date("nextUpdateBy", context.T["Action.NextUpdate.Label"], required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        if (FormValues.Text(form, "discussed") is not ("yes" or "no"))
        {
            errors["discussed"] = context.T["Action.FollowUp.DiscussedMissing"];
        }

        if (FormValues.Finding(form, "violation") is null)
        {
            errors["violation"] = context.T["Action.FollowUp.ViolationMissing"];
        }

        FormValues.RequireFutureDate(errors, FormValues.Date(form, "nextUpdateBy"), context.Now, "nextUpdateBy", context.T);
        return errors;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var message = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.FollowUp,
            At = context.Now,
            From = context.MemberId,
            Discussed = FormValues.Text(form, "discussed") == "yes",
            Violation = FormValues.Finding(form, "violation"),
            Actions = FormValues.Text(form, "actions"),
            Text = FormValues.Text(form, "message") ?? "",
            NextUpdateBy = FormValues.Date(form, "nextUpdateBy"),
        };
        await desk.ActAsync(context, new CaseChange { Message = message, Event = CaseEventKind.FollowedUp }, cancellationToken);
        return new HtmlPage(context.T["Action.FollowUp.Done.Title"], language: context.T.Language).Heading(context.T["Action.FollowUp.Done.Heading"])
            .Paragraph(context.T["Action.FollowUp.Done.Text"]);
    }
}
