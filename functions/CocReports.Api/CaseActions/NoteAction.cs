using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// "The committee will meet to determine an appropriate response": an internal note keeps that discussion with the case.
/// Only members who may open the case read it, on the case page; the reporter never does, and nothing is mailed. The
/// timeline names who wrote a note and when, never what it says. It is case content: retention removes it.
/// </summary>
public sealed class NoteAction(CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.Note;

    public ActionForm Form(CaseContext context) =>
        new ActionForm(context.T.Format("Action.Note.Heading", context.Reference), context.T["Action.Note.Explain"], context.T["Action.Note.Button"], context.T.Language)
            .Text("note", context.T["Action.Note.Label"], required: true);

    // Checked before the token is spent: after retention nothing is left to write about, and a note would outlive it.
    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        context.State.EvidencePurgedAt is not null ? new() { ["note"] = context.T["Action.Note.Purged"] }
        : FormValues.Text(form, "note") is null ? new() { ["note"] = context.T["Action.Note.Missing"] }
        : [];

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var note = new CaseMessage { Id = CaseContext.NewMessageId(), Kind = CaseMessageKind.Note, At = context.Now, From = context.MemberId, Text = FormValues.Text(form, "note")! };
        await desk.ActAsync(context, new CaseChange { Message = note, Step = CaseStep.Noted }, cancellationToken);
        return new HtmlPage(context.T["Action.Note.Done.Title"], language: context.T.Language).Heading(context.T["Action.Note.Done.Heading"])
            .Paragraph(context.T["Action.Note.Done.Text"]);
    }
}
