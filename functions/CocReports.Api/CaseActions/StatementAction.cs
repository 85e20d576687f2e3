using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// The reported person's side: from the link in the committee's notice they read what the committee wrote to them,
/// and only that, and answer once. Their statement is kept with the case as a separate party's content, read by the
/// members on the case page, never shown to the reporter, and removed with the case at the end of retention.
/// </summary>
public sealed class StatementAction(CaseDesk desk, IOptions<CommunityOptions> community, IOptions<WorkflowOptions> workflow) : ICaseAction
{
    public CaseAction Action => CaseAction.Statement;

    public bool HeldByReportedPerson => true;

    public ActionForm Form(CaseContext context)
    {
        var t = context.T;
        var form = new ActionForm(t.Format("Reported.Statement.Heading", context.Reference), t.Format("Reported.Statement.Explain", community.Value.Name), t["Reported.Statement.Button"], t.Language);
        if (!IsOpen(context) || Notice(context) is not { } notice)
        {
            return form.Note(t["Reported.Statement.Closed"]);
        }

        return form.Note(notice.Text).Text("statement", t["Reported.Statement.Label"], required: true);
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        !IsOpen(context) ? new() { ["statement"] = context.T["Reported.Statement.Closed"] }
        : FormValues.Text(form, "statement") is null ? new() { ["statement"] = context.T["Reported.Statement.Missing"] }
        : [];

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = context.T;
        var statement = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.Statement,
            At = context.Now,
            From = ActionLinks.ReportedPerson,
            Text = FormValues.Text(form, "statement")!,
        };
        var change = new CaseChange { Rule = state => state.RecordStatement(context.Now, Window(context)), Message = statement, Event = CaseEventKind.StatementGiven };
        return await desk.ActAsync(context, change, cancellationToken)
            ? new HtmlPage(t["Reported.Statement.Done.Title"], language: t.Language).Heading(t["Reported.Statement.Done.Heading"]).Paragraph(t["Reported.Statement.Done.Text"])
            : new HtmlPage(t["Reported.Statement.Closed.Title"], language: t.Language).Heading(t["Action.Unchanged"]).Paragraph(t["Reported.Statement.Closed"]);
    }

    // Told, not yet answered, within the window, and the case still there: the case's own rule, asked without acting.
    bool IsOpen(CaseContext context) => Notice(context) is not null && context.State.RecordStatement(context.Now, Window(context)) is not null;

    TimeSpan Window(CaseContext context) => (context.Report.Schedule ?? workflow.Value).StatementWindow;

    static CaseMessage? Notice(CaseContext context) => context.Messages.LastOrDefault(m => m.Kind == CaseMessageKind.ReportedNotice);
}
