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
        new ActionForm($"Ask the reporter of {context.Reference} a question", context.Report.Details.IsAnonymous
            ? "The reporter is anonymous: they will see the question on their status page and can answer there."
            : "The reporter receives the question by email and can answer through a link.", "Send the question")
            .Text("question", "Your question", required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        FormValues.Text(form, "question") is null ? new() { ["question"] = "Please write the question." } : [];

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
        return new HtmlPage("Question sent").Heading("The question was sent.")
            .Paragraph("The reporter's answer will reach every member handling the report.");
    }
}
