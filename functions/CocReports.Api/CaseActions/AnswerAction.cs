using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// The reporter answers the committee's questions from the link in their email. The link works for every question,
/// and after the purge tells the reporter the case is closed.
/// </summary>
public sealed class AnswerAction(CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.Answer;

    public bool HeldByReporter => true;

    public bool SingleUse => false;

    public ActionForm Form(CaseContext context)
    {
        var t = Texts.For(context.Report.Details.Language);
        if (!context.State.KeepsReplies)
        {
            return new ActionForm(t["Closed.Title"], t.Format("Closed.Reply", context.Reference), t["Status.Answer.Button"], t.Language).Note(t["Closed.New"]);
        }

        var open = Answers.Open(context.Messages);
        var form = new ActionForm(t.Format("Answer.Heading", context.Reference), t["Status.Answer.Explanation"], t["Status.Answer.Button"], t.Language);
        return open.Count == 0
            ? form.Note(t["Answer.NoOpenQuestion"])
            : form.Choice("questionId", t["Status.Answer.Which"], [.. open.Select(q => (q.Id, q.Text))])
                .Text("answer", t["Status.Answer.Label"], required: true);
    }

    // After the purge there is no question left to choose, and nothing posted is kept.
    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        context.State.KeepsReplies ? Answers.Validate(context.Messages, form) : [];

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = Texts.For(context.Report.Details.Language);
        if (!context.State.KeepsReplies)
        {
            // An answer typed on a page opened before the purge; the closed page's own button posts none.
            await desk.ActAsync(context, FormValues.Text(form, "answer") is null ? CaseChange.None : Answers.AfterClosing, cancellationToken);

            return new HtmlPage(t["Closed.Title"], language: t.Language)
                .Heading(t["Closed.Title"])
                .Paragraph(t.Format("Closed.Reply", context.Reference))
                .Paragraph(t["Closed.New"]);
        }

        await desk.ActAsync(context, Answers.Posted(form, context.Now), cancellationToken);
        return new HtmlPage(t["Answer.Sent.Title"], language: t.Language).Heading(t["Status.Answer.Sent"]);
    }
}
