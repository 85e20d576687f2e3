using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// Before a member reads a report for the first time, they declare their conflicts (<see cref="ConflictKind"/>): none;
/// a soft one, which lets them read and discuss it but not decide it; or a hard one, which recuses them. A reason is
/// optional and may be withheld; given, it is a committee note, removed with the case at the end of retention. The
/// case page offers this form alone until the member has declared (<c>Committee:DeclareConflicts</c>).
/// </summary>
public sealed class DeclareAction(CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.Declare;

    public ActionForm Form(CaseContext context) =>
        new ActionForm(
            context.T.Format("Action.Declare.Heading", context.Reference),
            context.T["Action.Declare.Explain"],
            context.T["Action.Declare.Button"],
            context.T.Language)
            .Choice(
                "conflict",
                context.T["Action.Declare.Legend"],
                ("none", context.T["Action.Declare.None"]),
                ("soft", context.T["Action.Declare.Soft"]),
                ("hard", context.T["Action.Declare.Hard"]))
            .Text("reason", context.T["Action.Declare.Reason"]);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        Conflict(form) is null ? new() { ["conflict"] = context.T["Action.Declare.Missing"] } : [];

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var conflict = Conflict(form)!.Value;
        var reason = conflict == ConflictKind.None ? null : FormValues.Text(form, "reason");
        var change = new CaseChange
        {
            Rule = state => state.Declare(context.MemberId, conflict),
            Event = conflict switch { ConflictKind.Hard => CaseEventKind.Recused, ConflictKind.Soft => CaseEventKind.ConflictDeclared, _ => null },
            Step = conflict == ConflictKind.None ? CaseStep.NoConflictDeclared : null,
            Message = reason is null ? null : new CaseMessage
            {
                Id = CaseContext.NewMessageId(),
                Kind = CaseMessageKind.Note,
                At = context.Now,
                From = context.MemberId,
                Text = $"My reason for declaring a {(conflict == ConflictKind.Soft ? "soft" : "hard")} conflict: {reason}",
            },
        };
        if (!await desk.ActAsync(context, change, cancellationToken))
        {
            return new HtmlPage(context.T["Action.Declare.Already.Title"], language: context.T.Language).Heading(context.T["Action.Declare.Already.Heading"]).Paragraph(context.T["Action.Unchanged"]);
        }

        var t = context.T;
        return conflict == ConflictKind.Hard
            ? new HtmlPage(t["Action.Recused.Title"], language: t.Language).Heading(t["Action.Recused.Heading"])
                .Paragraph(t["Action.Declare.Hard.Text"])
            : new HtmlPage(t["Action.Declare.Thanks.Title"], language: t.Language).Heading(t[conflict == ConflictKind.Soft ? "Action.Declare.Soft.Heading" : "Action.Declare.Thanks.Heading"])
                .Paragraph(t[conflict == ConflictKind.Soft ? "Action.Declare.Soft.Text" : "Action.Declare.None.Text"])
                .Link(t["Action.Declare.Read"], ActionLinks.PathOf(context.Reference, CaseAction.View));
    }

    static ConflictKind? Conflict(IFormCollection form) => FormValues.Text(form, "conflict") switch
    {
        "none" => ConflictKind.None,
        "soft" => ConflictKind.Soft,
        "hard" => ConflictKind.Hard,
        _ => null,
    };
}
