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
                $"Extend the response on report {context.Reference}",
                context.State.ResponseEndsAt is { } ends
                    ? $"The response ends (or is reviewed) on {ends.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. Extend it if its conditions for return were not met."
                    : "The response has ended. Extend it if its conditions for return were not met.",
                "Extend the response")
            .Date("until", "Until when?", required: true);

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var state = context.State;
        if (!state.MayDecide(context.MemberId, Audience.For(committee.Value, context.Report, state)))
        {
            return new() { ["until"] = "You declared a soft conflict with this report: the other members decide its response." };
        }

        return FormValues.Date(form, "until") is not { } until || until <= context.Now || until <= (state.ResponseEndsAt ?? context.Now)
            ? new() { ["until"] = "Please name a day after the response's current end." }
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
            return new HtmlPage($"Report {context.Reference}: response not extended").Heading("The response was not extended.")
                .Paragraph("Another member extended it further meanwhile, or the case's content was removed. Nothing was changed.");
        }

        return new HtmlPage($"Report {context.Reference}: response extended").Heading("The response is extended.")
            .Paragraph("The members are reminded before its new end, and told when it comes.");
    }
}
