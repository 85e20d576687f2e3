using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>"In some cases, the committee may need to ask additional questions about the incident."</summary>
public sealed class AskAction(CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.Ask;

    public ActionForm Form(CaseContext context) =>
        new ActionForm(context.T.Format("Action.Ask.Heading", context.Reference), context.T[context.Report.Details.IsAnonymous ? "Action.Ask.Anonymous" : "Action.Ask.ByMail"], context.T["Action.Ask.Button"], context.T.Language)
            .Text("question", context.T["Action.Ask.Label"], required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        FormValues.Text(form, "question") is null ? new() { ["question"] = context.T["Action.Ask.Missing"] } : [];

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var message = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.Question,
            At = context.Now,
            From = context.MemberId,
            Text = FormValues.Text(form, "question")!,
        };
        await desk.ActAsync(context, new CaseChange { Message = message, Event = CaseEventKind.QuestionAsked }, cancellationToken);
        return new HtmlPage(context.T["Action.Ask.Done.Title"], language: context.T.Language).Heading(context.T["Action.Ask.Done.Heading"])
            .Paragraph(context.T["Action.Ask.Done.Text"]);
    }
}
