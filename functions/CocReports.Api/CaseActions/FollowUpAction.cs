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
        new ActionForm($"Follow up on report {context.Reference}", "The reporter receives this (by email, or on their status page if they are anonymous).", "Send the follow-up")
            .Choice("discussed", "Has the committee discussed the report?", ("yes", "Yes"), ("no", "Not yet"))
            .Choice("violation", "Was it found to be a violation of the Code of Conduct?", ("yes", "Yes"), ("no", "No"), ("undecided", "Not yet decided"))
            .Text("actions", "What actions, if any, were taken?")
            .Text("message", "Anything else for the reporter (optional)")
            .Date("nextUpdateBy", "When will the next update or the resolution come?", required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        if (FormValues.Text(form, "discussed") is not ("yes" or "no"))
        {
            errors["discussed"] = "Please say whether the committee has discussed the report.";
        }

        if (FormValues.Finding(form, "violation") is null)
        {
            errors["violation"] = "Please say whether it was found to be a violation (or that it is not yet decided).";
        }

        FormValues.RequireFutureDate(errors, FormValues.Date(form, "nextUpdateBy"), context.Now, "nextUpdateBy");
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
        return new HtmlPage("Follow-up sent").Heading("The follow-up is on its way to the reporter.")
            .Paragraph("The committee will be reminded before the date you promised for the next update.");
    }
}
