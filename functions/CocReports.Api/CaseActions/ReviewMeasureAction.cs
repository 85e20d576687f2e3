using System.Globalization;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Measures;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// The committee's review of an interim measure one member took (<see cref="InterimMeasureAction"/>): a second member
/// confirms it, or any member who may decide lifts it. Either stops the workflow's reminders. The form shows what was
/// done, which is case content: it waits for the member's declaration of conflicts.
/// </summary>
public sealed class ReviewMeasureAction(CaseDesk desk, IOptions<CommitteeOptions> committee) : ICaseAction
{
    public CaseAction Action => CaseAction.ReviewMeasure;

    public bool NeedsStepUp => true;

    public bool WaitsForDeclaration => true;

    public ActionForm Form(CaseContext context)
    {
        var form = new ActionForm(
            $"Review the interim measure on report {context.Reference}",
            "A member took this measure without waiting for the others. Confirm it if it should stand until its end, or lift it now.",
            "Record the review");
        if (context.State.MeasureAwaitingReview is not { } pending)
        {
            return form.Note("No interim measure awaits the committee's review.");
        }

        var what = context.Messages.FirstOrDefault(m => m.Id == pending.Id)?.Text ?? "(removed at the end of the retention period)";
        return form.Note($"Taken by {committee.Value.NameOf(pending.RecordedBy)}, in effect until the end of {pending.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {what}")
            .Choice("review", "What does the committee decide?", ("confirmed", "Confirm it: it stands until its end"), ("lifted", "Lift it now"));
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        if (context.State.MeasureAwaitingReview is null)
        {
            return new() { ["review"] = "No interim measure awaits the committee's review." };
        }

        if (Review(form) is not { } review)
        {
            return new() { ["review"] = "Please choose: confirm it or lift it." };
        }

        return context.State.MayReview(context.MemberId, review, Audience.For(committee.Value, context.Report, context.State))
            ? []
            : new()
            {
                ["review"] = review == MeasureReview.Confirmed && context.State.MeasureAwaitingReview.RecordedBy == context.MemberId
                    ? "You took this measure: another member confirms it. You may lift it."
                    : "You declared a soft conflict with this report: the other members review the measure.",
            };
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var review = Review(form)!.Value;
        var change = new CaseChange
        {
            Rule = state => state.ReviewMeasure(context.MemberId, review, context.Now, Audience.For(committee.Value, context.Report, state)),
            Event = review == MeasureReview.Confirmed ? CaseEventKind.MeasureConfirmed : CaseEventKind.MeasureLifted,
        };
        if (!await desk.ActAsync(context, change, cancellationToken))
        {
            return new HtmlPage($"Report {context.Reference}: measure already reviewed").Heading("The measure was already reviewed.").Paragraph("Another member did it first. Nothing was changed.");
        }

        return new HtmlPage($"Report {context.Reference}: measure reviewed")
            .Heading(review == MeasureReview.Confirmed ? "The interim measure is confirmed." : "The interim measure is lifted.")
            .Paragraph("The reminders about it stop. Every member sees the review on the case page.");
    }

    static MeasureReview? Review(IFormCollection form) => FormValues.Text(form, "review") switch
    {
        "confirmed" => MeasureReview.Confirmed,
        "lifted" => MeasureReview.Lifted,
        _ => null,
    };
}
