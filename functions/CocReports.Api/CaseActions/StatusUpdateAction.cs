using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>"The person who made the report will be provided with a status update, including a timeframe for the next update or resolution."</summary>
public sealed class StatusUpdateAction(CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.StatusUpdate;

    public ActionForm Form(CaseContext context) =>
        new ActionForm($"Status update on report {context.Reference}", "The reporter receives this update and the date of the next one.", "Send the status update")
            .Text("update", "Where does the report stand?", required: true)
            .Date("nextUpdateBy", "When will the next update or the resolution come?", required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        if (FormValues.Text(form, "update") is null)
        {
            errors["update"] = "Please write the update for the reporter.";
        }

        FormValues.RequireFutureDate(errors, FormValues.Date(form, "nextUpdateBy"), context.Now, "nextUpdateBy");
        return errors;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var message = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.StatusUpdate,
            At = context.Now,
            From = context.MemberId,
            Text = FormValues.Text(form, "update")!,
            NextUpdateBy = FormValues.Date(form, "nextUpdateBy"),
        };
        await desk.ActAsync(context, new CaseChange { Message = message, Event = CaseEventKind.StatusUpdated }, cancellationToken);
        return new HtmlPage("Status update sent").Heading("The status update is on its way to the reporter.");
    }
}
