using System.Net.Mail;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// A member who may decide tells the reported person, once, with their reason for telling them now ("default: not until
/// the committee decides, to protect the reporter"). What goes is only what the member writes here, composed under the
/// committee's headings (the behaviour, its impact, what must change, the consequences), and a link to answer once
/// within <c>Workflow:StatementWindow</c>. A notice that names the reporter (their name or address as they gave it) is
/// refused before anything is sent.
/// </summary>
public sealed class TellReportedAction(CaseDesk desk, IOptions<CommitteeOptions> committee, IOptions<WorkflowOptions> workflow) : ICaseAction
{
    static readonly string[] Parts = ["behaviour", "impact", "change", "consequences"];

    public CaseAction Action => CaseAction.TellReported;

    public bool WaitsForDeclaration => true;

    public bool NeedsStepUp => true;

    public ActionForm Form(CaseContext context)
    {
        var t = context.T;
        return new ActionForm(
                t.Format("Reported.Tell.Heading", context.Reference),
                t.Format("Reported.Tell.Explain", t.Duration(Window(context))),
                t["Reported.Tell.Button"],
                t.Language)
            .Text("email", t["Reported.Tell.Email"], required: true, multiline: false)
            .Text("behaviour", t["Reported.Tell.behaviour"], required: true)
            .Text("impact", t["Reported.Tell.impact"])
            .Text("change", t["Reported.Tell.change"])
            .Text("consequences", t["Reported.Tell.consequences"])
            .Text("why", t["Reported.Tell.Why"], required: true);
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var t = context.T;
        var errors = new Dictionary<string, string>();
        if (context.State.ReportedToldAt is not null)
        {
            errors["email"] = t["Reported.Tell.Already"];
        }
        else if (!context.State.MayDecide(context.MemberId, Audience.For(committee.Value, context.Report, context.State)))
        {
            errors["email"] = t["Reported.Tell.SoftConflict"];
        }
        else if (FormValues.Text(form, "email") is not { } email || !MailAddress.TryCreate(email, out _))
        {
            errors["email"] = t["Reported.Tell.EmailMissing"];
        }

        if (FormValues.Text(form, "behaviour") is null)
        {
            errors["behaviour"] = t["Reported.Tell.BehaviourMissing"];
        }

        if (FormValues.Text(form, "why") is null)
        {
            errors["why"] = t["Reported.Tell.WhyMissing"];
        }

        // The reporter as they named themselves: their words and identity never reach the reported person from here.
        var details = context.Report.Details;
        string[] reporter = [.. new[] { details.ContactName, details.ContactEmail }.OfType<string>().Where(s => s.Trim().Length >= 3).Select(s => s.Trim())];
        foreach (var part in Parts.Where(p => reporter.Any(r => (FormValues.Text(form, p) ?? "").Contains(r, StringComparison.OrdinalIgnoreCase))))
        {
            errors[part] = t["Reported.Tell.NamesReporter"];
        }

        return errors;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = context.T;
        var words = committee.Value.TextsFor(null); // the reported person reads the committee's language
        var notice = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.ReportedNotice,
            At = context.Now,
            From = context.MemberId,
            To = FormValues.Text(form, "email"),
            Text = string.Join("\n\n", Parts.Where(p => FormValues.Text(form, p) is not null).Select(p => $"{words[$"Reported.Notice.{p}"]}\n{FormValues.Text(form, p)}")),
            Reason = FormValues.Text(form, "why"),
        };
        var change = new CaseChange
        {
            Rule = state => state.TellReported(context.MemberId, context.Now, Audience.For(committee.Value, context.Report, state)),
            Message = notice,
            Event = CaseEventKind.ReportedPersonTold,
        };
        if (!await desk.ActAsync(context, change, cancellationToken))
        {
            return new HtmlPage(t["Reported.Tell.Not.Title"], language: t.Language).Heading(t["Action.Unchanged"]).Paragraph(t["Reported.Tell.Not.Text"]);
        }

        return new HtmlPage(t["Reported.Tell.Done.Title"], language: t.Language)
            .Heading(t["Reported.Tell.Done.Heading"])
            .Paragraph(t.Format("Reported.Tell.Done.Text", notice.To!, Texts.Time(context.Now + Window(context))));
    }

    TimeSpan Window(CaseContext context) => (context.Report.Schedule ?? workflow.Value).StatementWindow;
}
