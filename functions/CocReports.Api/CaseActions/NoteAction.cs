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
        new ActionForm($"Add a note to report {context.Reference}", "Only committee members who may open this case read notes; the reporter never sees them. Notes are removed with the rest of the case at the end of the retention period.", "Add the note")
            .Text("note", "Your note", required: true);

    // Checked before the token is spent: after retention nothing is left to write about, and a note would outlive it.
    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        context.State.EvidencePurgedAt is not null ? new() { ["note"] = "This case's content was removed at the end of the retention period; notes can no longer be added." }
        : FormValues.Text(form, "note") is null ? new() { ["note"] = "Please write the note." }
        : [];

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var note = new CaseMessage { Id = CaseContext.NewMessageId(), Kind = CaseMessageKind.Note, At = context.Now, From = context.MemberId, Text = FormValues.Text(form, "note")! };
        await desk.ActAsync(context, new CaseChange { Message = note, Step = CaseStep.Noted }, cancellationToken);
        return new HtmlPage("Note added").Heading("The note is added to the case.")
            .Paragraph("Members who may open the case read it on the case page. The reporter does not.");
    }
}
