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
                context.T.Format("Action.Measure.Heading", context.Reference),
                context.T.Format("Action.Measure.Explain", context.T.Duration(ReviewWithin(context))),
                context.T["Action.Measure.Button"],
                context.T.Language)
            .Text("measure", context.T["Action.Measure.What"], required: true)
            .Date("until", context.T["Action.Measure.Until"], required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        var state = context.State;
        if (!state.MayDecide(context.MemberId, Audience.For(committee.Value, context.Report, state)))
        {
            errors["measure"] = context.T["Action.Measure.SoftConflict"];
        }
        else if (state.ResolvedAt is not null)
        {
            errors["measure"] = context.T["Action.Measure.Resolved"];
        }
        else if (state.MeasureAwaitingReview is not null)
        {
            errors["measure"] = context.T["Action.Measure.Pending"];
        }
        else if (FormValues.Text(form, "measure") is null)
        {
            errors["measure"] = context.T["Action.Measure.WhatMissing"];
        }

        if (FormValues.Date(form, "until") is not { } until || until <= context.Now)
        {
            errors["until"] = context.T["Action.Measure.UntilMissing"];
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
            return new HtmlPage(context.T.Format("Action.Measure.Not.Title", context.Reference), language: context.T.Language)
                .Heading(context.T["Action.Measure.Not.Heading"])
                .Paragraph(context.T["Action.Measure.Not.Text"]);
        }

        return new HtmlPage(context.T.Format("Action.Measure.Done.Title", context.Reference), language: context.T.Language)
            .Heading(context.T["Action.Measure.Done.Heading"])
            .Paragraph(context.T.Format("Action.Measure.Done.Text", context.T.Duration(ReviewWithin(context))));
    }

    TimeSpan ReviewWithin(CaseContext context) => (context.Report.Schedule ?? workflow.Value).MeasureReviewWithin;
}
