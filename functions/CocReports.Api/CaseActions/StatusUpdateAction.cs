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
        new ActionForm(context.T.Format("Action.StatusUpdate.Heading", context.Reference), context.T["Action.StatusUpdate.Explain"], context.T["Action.StatusUpdate.Button"], context.T.Language)
            .Text("update", context.T["Action.StatusUpdate.Label"], required: true)
            .Date("nextUpdateBy", context.T["Action.NextUpdate.Label"], required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        if (FormValues.Text(form, "update") is null)
        {
            errors["update"] = context.T["Action.StatusUpdate.Missing"];
        }

        FormValues.RequireFutureDate(errors, FormValues.Date(form, "nextUpdateBy"), context.Now, "nextUpdateBy", context.T);
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
        return new HtmlPage(context.T["Action.StatusUpdate.Done.Title"], language: context.T.Language).Heading(context.T["Action.StatusUpdate.Done.Heading"]);
    }
}
