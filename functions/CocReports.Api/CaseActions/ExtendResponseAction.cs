using System.Globalization;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// A response decided at resolution ends on its date unless the committee extends it: its conditions for return were
/// not met, or a permanent ban is kept past its review. The workflow's timer then follows the new date.
/// </summary>
public sealed class ExtendResponseAction(CaseDesk desk, IOptions<CommitteeOptions> committee) : ICaseAction
{
    public CaseAction Action => CaseAction.ExtendResponse;

    public bool NeedsStepUp => true;

    public bool WaitsForDeclaration => true;

    public ActionForm Form(CaseContext context) =>
        new ActionForm(
                context.T.Format("Action.Extend.Heading", context.Reference),
                context.State.ResponseEndsAt is { } ends
                    ? context.T.Format("Action.Extend.Ends", ends.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : context.T["Action.Extend.Ended"],
                context.T["Action.Extend.Button"],
                context.T.Language)
            .Date("until", context.T["Action.Extend.Until"], required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var state = context.State;
        if (!state.MayDecide(context.MemberId, Audience.For(committee.Value, context.Report, state)))
        {
            return new() { ["until"] = context.T["Action.Extend.SoftConflict"] };
        }

        return FormValues.Date(form, "until") is not { } until || until <= context.Now || until <= (state.ResponseEndsAt ?? context.Now)
            ? new() { ["until"] = context.T["Action.Extend.UntilMissing"] }
            : [];
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var until = FormValues.Date(form, "until")!.Value;
        var change = new CaseChange
        {
            Rule = state => state.ExtendResponse(context.MemberId, until, context.Now, Audience.For(committee.Value, context.Report, state)),
            Event = CaseEventKind.ResponseExtended,
            ResponseEnds = until,
            Note = "Until " + Texts.Time(until),
        };
        if (!await desk.ActAsync(context, change, cancellationToken))
        {
            return new HtmlPage(context.T.Format("Action.Extend.Not.Title", context.Reference), language: context.T.Language).Heading(context.T["Action.Extend.Not.Heading"])
                .Paragraph(context.T["Action.Extend.Not.Text"]);
        }

        return new HtmlPage(context.T.Format("Action.Extend.Done.Title", context.Reference), language: context.T.Language).Heading(context.T["Action.Extend.Done.Heading"])
            .Paragraph(context.T["Action.Extend.Done.Text"]);
    }
}
