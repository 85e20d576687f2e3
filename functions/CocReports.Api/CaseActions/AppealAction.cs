using CocReports.Api.Intake;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// A party appeals the resolution, once, within the window, naming a ground, from the link in the mail that told them
/// of it. The appeal is stored first as a case of its own (<see cref="Door.Appeal"/>), kept from everyone kept from
/// this case and from the members who decided it (<see cref="AppealPanel"/>), so its acknowledgment and decision
/// promises run on the workflow like a report's; then this case records it. The page gives the appellant the
/// appeal's reference and receipt code, as the form gives a reporter theirs.
/// </summary>
public sealed class AppealAction(
    ReportIntake intake,
    CaseDesk desk,
    ReporterLinks reporterLinks,
    IOptions<AppealOptions> appeals,
    IOptions<CommitteeOptions> committee,
    IOptions<WorkflowOptions> workflow,
    IOptions<CommunityOptions> community) : ICaseAction
{
    public CaseAction Action => CaseAction.Appeal;

    public bool HeldByReporter => true;

    public bool HeldByReportedPerson => true;

    public ActionForm Form(CaseContext context)
    {
        var t = context.T;
        var form = new ActionForm(t.Format("Appeal.Heading", context.Reference), t.Format("Appeal.Explain", community.Value.Name), t["Appeal.Button"], t.Language);
        return !MayAppeal(context)
            ? form.Note(t["Appeal.Closed"])
            : form.Note(t.Format("Appeal.Until", Until(context)))
                .Choice("ground", t["Appeal.Ground"], [.. appeals.Value.Grounds.Select(g => (g, g))])
                .Text("why", t["Appeal.Why"], required: true);
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var t = context.T;
        var errors = new Dictionary<string, string>();
        if (!MayAppeal(context))
        {
            errors["ground"] = t["Appeal.Closed"];
            return errors;
        }

        if (FormValues.Text(form, "ground") is not { } ground || !appeals.Value.Grounds.Contains(ground))
        {
            errors["ground"] = t["Appeal.GroundMissing"];
        }

        if (FormValues.Text(form, "why") is null)
        {
            errors["why"] = t["Appeal.WhyMissing"];
        }

        return errors;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = context.T;
        var party = Party(context);
        var original = context.Report;
        var ground = FormValues.Text(form, "ground")!;
        var (name, email) = party == AppealParty.Reporter
            ? (original.Details.ContactName, original.Details.ContactEmail)
            : (null, context.Messages.LastOrDefault(m => m.Kind == CaseMessageKind.ReportedNotice)?.To);
        var receiptCode = ReceiptCode.New();
        var appeal = new Report(
            ReportReference.New(),
            context.Now,
            new ReportDetails
            {
                Description = FormValues.Text(form, "why")!,
                ContactName = name,
                ContactEmail = email,
                Language = t.Language,
                ExcludedMembers = AppealPanel.KeptFrom(committee.Value, appeals.Value, original, context.State, context.Messages),
            },
            [],
            ReceiptCode.Hash(receiptCode))
        {
            Door = Door.Appeal,
            Appeal = new Appeal(original.Reference, party, ground),
        };

        // Stored first: whatever happens next, the appeal is kept and its workflow started (or started by the sweep).
        await intake.AcceptAsync(appeal, receiptCode, context.Workflows, cancellationToken);
        var filed = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.Appeal,
            At = context.Now,
            From = context.MemberId,
            Text = ground,
            Case = appeal.Reference,
        };
        await desk.ActAsync(context, new CaseChange { Rule = state => state.FileAppeal(party, appeal.Reference, context.Now, Window(context)), Message = filed }, cancellationToken);

        return new HtmlPage(t["Appeal.Done.Title"], language: t.Language)
            .Heading(t["Appeal.Done.Heading"])
            .Paragraph(t.Format("Appeal.Done.Text", community.Value.Name))
            .Field(t["Appeal.Done.Reference"], appeal.Reference)
            .Field(t["Appeal.Done.ReceiptCode"], receiptCode)
            .Paragraph(t["Appeal.Done.KeepCode"])
            .Link(t["Appeal.Done.StatusPage"], reporterLinks.StatusPage(appeal.Reference, t.Language).AbsoluteUri);
    }

    bool MayAppeal(CaseContext context) =>
        context.Report.Appeal is null && context.State.MayAppeal(Party(context), context.Now, Window(context));

    TimeSpan Window(CaseContext context) => (context.Report.Schedule ?? workflow.Value).AppealWindow;

    string Until(CaseContext context) => Procedure.Rendering.Texts.Time((context.State.ResolvedAt ?? context.Now) + Window(context));

    static AppealParty Party(CaseContext context) => Procedure.Resolution.Party.Of(context.MemberId);
}
