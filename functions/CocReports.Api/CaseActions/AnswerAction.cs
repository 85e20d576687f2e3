using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>The reporter answers the committee's questions from the link in their email. The link works for every question.</summary>
public sealed class AnswerAction(Answers answers) : ICaseAction
{
    public CaseAction Action => CaseAction.Answer;

    public bool SingleUse => false;

    public ActionForm Form(CaseContext context)
    {
        var open = Answers.Open(context.Messages);
        var form = new ActionForm($"The committee's questions about report {context.Reference}", "Your answer goes to the committee members handling your report. You don't have to answer.", "Send my answer");
        return open.Count == 0
            ? form.Note("There is no open question.")
            : form.Choice("questionId", "Which question are you answering?", [.. open.Select(q => (q.Id, q.Text))])
                .Text("answer", "Your answer", required: true);
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        Answers.Validate(context.Messages, form);

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        await answers.RecordAsync(context.Reference, context.Workflows, form, context.Now, cancellationToken);
        return new HtmlPage("Answer sent").Heading("Thank you. Your answer was sent to the committee.");
    }
}
