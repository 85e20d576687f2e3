using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// A member who may decide places a legal hold on the case, or lifts the one in place: while it holds, the case is
/// kept past its retention period and the committee is asked now and then whether it is still needed ("longer, as long
/// as this is necessary and proportionate", HinSchG § 11(5)). The ground is a category, so the timeline, which outlives
/// the case's content, carries nothing of the case.
/// </summary>
public sealed class LegalHoldAction(CaseDesk desk, IOptions<CommitteeOptions> committee, IOptions<WorkflowOptions> workflow) : ICaseAction
{
    const string Ground = "ground";

    static readonly string[] Grounds = ["Claim", "Authority", "Obligation"];

    public CaseAction Action => CaseAction.LegalHold;

    public bool WaitsForDeclaration => true;

    public ActionForm Form(CaseContext context)
    {
        var t = context.T;
        var promises = context.Report.Schedule ?? workflow.Value;
        if (context.State.LegalHoldSince is { } since)
        {
            return new ActionForm(
                t.Format("Action.LegalHold.Lift.Heading", context.Reference),
                t.Format("Action.LegalHold.Lift.Explain", committee.Value.NameOf(context.State.LegalHoldBy ?? ""), Texts.Time(since), t.Duration(promises.RetentionWarningBefore)),
                t["Action.LegalHold.Lift.Button"],
                t.Language);
        }

        return new ActionForm(
                t.Format("Action.LegalHold.Place.Heading", context.Reference),
                t.Format("Action.LegalHold.Place.Explain", t.Duration(promises.LegalHoldReviewEvery)),
                t["Action.LegalHold.Place.Button"],
                t.Language)
            .Choice(Ground, t["Action.LegalHold.Ground"], [.. Grounds.Select(g => (g, t[$"Action.LegalHold.Ground.{g}"]))]);
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        context.State.LegalHoldSince is null && !Grounds.Contains(form[Ground].ToString(), StringComparer.Ordinal)
            ? new() { [Ground] = context.T["Action.LegalHold.Ground.Missing"] }
            : [];

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = context.T;
        var lifting = context.State.LegalHoldSince is not null;
        var change = lifting
            ? new CaseChange
            {
                Rule = state => state.LiftLegalHold(context.MemberId, Audience.For(committee.Value, context.Report, state)),
                Event = CaseEventKind.LegalHoldLifted,
            }
            : new CaseChange
            {
                Rule = state => state.PlaceLegalHold(context.MemberId, context.Now, Audience.For(committee.Value, context.Report, state)),
                Event = CaseEventKind.LegalHoldPlaced,
                // The timeline outlives the content: the ground in English, the same words whoever placed it.
                Note = Texts.For(Texts.Default)[$"Action.LegalHold.Ground.{form[Ground]}"],
            };
        var outcome = !await desk.ActAsync(context, change, cancellationToken) ? "Unchanged" : lifting ? "Lifted" : "Placed";
        var title = t[$"Action.LegalHold.{outcome}"];
        return new HtmlPage(title, language: t.Language).Heading(title).Paragraph(t[$"Action.LegalHold.{outcome}.Text"]);
    }
}
