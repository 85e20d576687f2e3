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
            $"Before you read report {context.Reference}",
            "Do you have a conflict of interest with anyone this report may be about (a friend, a family member, a colleague, someone you manage or who manages you)? The report is shown once you have answered.",
            "Declare")
            .Choice(
                "conflict",
                "Your conflicts of interest",
                ("none", "No conflict"),
                ("soft", "A soft conflict: I may read and discuss the report, and I will not decide it"),
                ("hard", "A hard conflict: I recuse myself, see nothing more of the report and get no mail about it"))
            .Text("reason", "Why (optional: you may keep your reason to yourself; the other members read it as a note)");

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        Conflict(form) is null ? new() { ["conflict"] = "Please say whether you have a conflict of interest." } : [];

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
            return new HtmlPage("Already declared").Heading("You already declared your conflicts on this report.").Paragraph("Nothing was changed.");
        }

        return conflict == ConflictKind.Hard
            ? new HtmlPage("You have recused yourself").Heading("You have recused yourself.")
                .Paragraph("You will see nothing more of this report and receive nothing more about it. Thank you for keeping the process fair.")
            : new HtmlPage("Thank you").Heading(conflict == ConflictKind.Soft ? "Your soft conflict is recorded." : "Thank you.")
                .Paragraph(conflict == ConflictKind.Soft ? "You may read and discuss the report; the other members decide it." : "You may now read the report.")
                .Link("Read the report", ActionLinks.PathOf(context.Reference, CaseAction.View));
    }

    static ConflictKind? Conflict(IFormCollection form) => FormValues.Text(form, "conflict") switch
    {
        "none" => ConflictKind.None,
        "soft" => ConflictKind.Soft,
        "hard" => ConflictKind.Hard,
        _ => null,
    };
}
