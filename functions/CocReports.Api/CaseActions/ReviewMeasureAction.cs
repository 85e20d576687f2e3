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
        var t = context.T;
        var form = new ActionForm(t.Format("Action.Review.Heading", context.Reference), t["Action.Review.Explain"], t["Action.Review.Button"], t.Language);
        if (context.State.MeasureAwaitingReview is not { } pending)
        {
            return form.Note(t["Action.Review.None"]);
        }

        var what = context.Messages.FirstOrDefault(m => m.Id == pending.Id)?.Text ?? t["Action.Review.Removed"];
        return form.Note(t.Format("Action.Review.Taken", committee.Value.NameOf(pending.RecordedBy), pending.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), what))
            .Choice("review", t["Action.Review.Legend"], ("confirmed", t["Action.Review.Confirm"]), ("lifted", t["Action.Review.Lift"]));
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        if (context.State.MeasureAwaitingReview is null)
        {
            return new() { ["review"] = context.T["Action.Review.None"] };
        }

        if (Review(form) is not { } review)
        {
            return new() { ["review"] = context.T["Action.Review.Missing"] };
        }

        return context.State.MayReview(context.MemberId, review, Audience.For(committee.Value, context.Report, context.State))
            ? []
            : new()
            {
                ["review"] = context.T[review == MeasureReview.Confirmed && context.State.MeasureAwaitingReview.RecordedBy == context.MemberId
                    ? "Action.Review.Own"
                    : "Action.Review.SoftConflict"],
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
            return new HtmlPage(context.T.Format("Action.Review.Already.Title", context.Reference), language: context.T.Language)
                .Heading(context.T["Action.Review.Already.Heading"]).Paragraph(context.T["Action.Review.Already.Text"]);
        }

        return new HtmlPage(context.T.Format("Action.Review.Done.Title", context.Reference), language: context.T.Language)
            .Heading(context.T[review == MeasureReview.Confirmed ? "Action.Review.Confirmed" : "Action.Review.Lifted"])
            .Paragraph(context.T["Action.Review.Done.Text"]);
    }

    static MeasureReview? Review(IFormCollection form) => FormValues.Text(form, "review") switch
    {
        "confirmed" => MeasureReview.Confirmed,
        "lifted" => MeasureReview.Lifted,
        _ => null,
    };
}
