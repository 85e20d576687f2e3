using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>The reporter answers the committee's questions from the link in their email. The link works for every question.</summary>
public sealed class AnswerAction(Answers answers) : ICaseAction
{
    public CaseAction Action => CaseAction.Answer;

    public bool SingleUse => false;

    public ActionForm Form(CaseContext context)
    {
        var t = Texts.For(context.Report.Details.Language);
        var open = Answers.Open(context.Messages);
        var form = new ActionForm(t.Format("Answer.Heading", context.Reference), t["Status.Answer.Explanation"], t["Status.Answer.Button"], t.Language);
        return open.Count == 0
            ? form.Note(t["Answer.NoOpenQuestion"])
            : form.Choice("questionId", t["Status.Answer.Which"], [.. open.Select(q => (q.Id, q.Text))])
                .Text("answer", t["Status.Answer.Label"], required: true);
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        Answers.Validate(context.Messages, form);

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        await answers.RecordAsync(context.Reference, context.Workflows, form, context.Now, cancellationToken);
        var t = Texts.For(context.Report.Details.Language);
        return new HtmlPage(t["Answer.Sent.Title"], language: t.Language).Heading(t["Status.Answer.Sent"]);
    }
}
