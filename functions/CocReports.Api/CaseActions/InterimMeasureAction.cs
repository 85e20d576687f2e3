using System.Globalization;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Measures;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// A fast path when someone may be in danger: any one member who may decide the report takes an interim measure (a
/// temporary removal from a space or an event) without waiting for the others. Every member is told at once, and the
/// committee confirms or lifts it within <c>Workflow:MeasureReviewWithin</c>, reminded and escalated by the workflow
/// (<see cref="ReviewMeasureAction"/>). What was done is case content: the case page shows it, mail and timeline don't.
/// </summary>
public sealed class InterimMeasureAction(CaseDesk desk, IOptions<CommitteeOptions> committee, IOptions<WorkflowOptions> workflow) : ICaseAction
{
    public CaseAction Action => CaseAction.InterimMeasure;

    public bool NeedsStepUp => true;

    public bool WaitsForDeclaration => true;

    public ActionForm Form(CaseContext context) =>
        new ActionForm(
                $"Take an interim measure on report {context.Reference}",
                "When someone may be in danger, any one member may act at once: for example, remove someone from a space or an event for now. "
                    + $"Every member is told at once, and the committee must confirm or lift the measure within {Texts.For(Texts.Default).Duration(ReviewWithin(context))}; "
                    + "until then it is reminded. The reporter is not told by this step.",
                "Take the interim measure")
            .Text("measure", "What was done, where, and to whom?", required: true)
            .Date("until", "Until when? (It ends as that day ends.)", required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        var state = context.State;
        if (!state.MayDecide(context.MemberId, Audience.For(committee.Value, context.Report, state)))
        {
            errors["measure"] = "You declared a soft conflict with this report: you may read and discuss it, and the other members act on it.";
        }
        else if (state.ResolvedAt is not null)
        {
            errors["measure"] = "This report is resolved: its response was decided, and interim measures are for before that.";
        }
        else if (state.MeasureAwaitingReview is not null)
        {
            errors["measure"] = "The interim measure taken before awaits the committee's review: confirm or lift it first.";
        }
        else if (FormValues.Text(form, "measure") is null)
        {
            errors["measure"] = "Please say what was done, where, and to whom.";
        }

        if (FormValues.Date(form, "until") is not { } until || until <= context.Now)
        {
            errors["until"] = "Please name the day the measure ends, today or later.";
        }

        return errors;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var until = FormValues.Date(form, "until")!.Value;
        var message = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.InterimMeasure,
            At = context.Now,
            From = context.MemberId,
            Text = FormValues.Text(form, "measure")!,
            Until = until,
        };
        var change = new CaseChange
        {
            Rule = state => state.RecordMeasure(context.MemberId, message.Id, context.Now, until, Audience.For(committee.Value, context.Report, state)),
            Message = message,
            Event = CaseEventKind.MeasureRecorded,
            Note = "Until " + InterimMeasure.LastDayOf(until).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (!await desk.ActAsync(context, change, cancellationToken))
        {
            return new HtmlPage($"Report {context.Reference}: no interim measure taken")
                .Heading("No interim measure was taken.")
                .Paragraph("Another member took one at the same moment, or the report was resolved. Nothing was changed: open the case to see where it stands.");
        }

        return new HtmlPage($"Report {context.Reference}: interim measure taken")
            .Heading("The interim measure is recorded.")
            .Paragraph($"Every member is told now. The committee must confirm or lift it within {Texts.For(Texts.Default).Duration(ReviewWithin(context))}.");
    }

    TimeSpan ReviewWithin(CaseContext context) => (context.Report.Schedule ?? workflow.Value).MeasureReviewWithin;
}
