using CocReports.Api.CaseActions;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CasePage;

/// <summary>
/// The actions a member may take now, each as its own form on the case page. A form is the action's confirmation
/// form from the email link, carrying a token minted for this member and action as the page is shown; it posts to
/// the same endpoint as the link (<see cref="CaseActionEndpoint"/>), so acting from the page passes the same checks
/// (revocation, recusal, exclusion), is audited the same way and spends its token once. The page holds no other authority.
/// </summary>
public sealed class CaseForms(IEnumerable<ICaseAction> actions, ActionLinks links, IOptions<CommitteeOptions> committee, TimeProvider clock)
{
    /// <summary>
    /// What the case allows now. Acknowledging only until someone has, or a follow-up or status update has (the
    /// workflow takes either as the acknowledgment); once resolved, only notes (the committee may still discuss it)
    /// and recusal (which still withdraws the documentation from the member); once retention has removed the case's
    /// content, only recusal. A report not urgent yet may be marked so. Resolving and interim measures are not offered to a member who declared a soft conflict;
    /// a measure awaiting review is offered for review until someone reviews it, also after resolution.
    /// </summary>
    public static IReadOnlyList<CaseAction> Offered(Report report, CaseState state, IReadOnlyList<CaseMessage> messages, string memberId, Audience audience)
    {
        if (state.EvidencePurgedAt is not null)
        {
            return [CaseAction.Recuse];
        }

        var decides = state.MayDecide(memberId, audience);
        CaseAction[] review = decides && state.MeasureAwaitingReview is not null ? [CaseAction.ReviewMeasure] : [];
        CaseAction[] extend = decides && state.ResponseEndsAt is not null ? [CaseAction.ExtendResponse] : [];
        CaseAction[] hold = decides ? [CaseAction.LegalHold] : [];
        CaseAction[] tell = decides && state.ReportedToldAt is null ? [CaseAction.TellReported] : [];
        CaseAction[] statement = decides && state.PublicStatementAt is null
            ? [CaseAction.PublicStatement, .. messages.Any(m => m.Kind == CaseMessageKind.PublicStatementDraft) ? [CaseAction.PublishStatement] : Array.Empty<CaseAction>()]
            : [];
        return state.ResolvedAt is not null
            ? [.. review, .. extend, .. tell, .. statement, .. hold, CaseAction.Note, CaseAction.Recuse]
            : [
                .. state.AcknowledgedAt is null && !messages.Any(m => m.Kind is CaseMessageKind.FollowUp or CaseMessageKind.StatusUpdate)
                    ? [CaseAction.Acknowledge] : Array.Empty<CaseAction>(),
                CaseAction.FollowUp, CaseAction.StatusUpdate, CaseAction.Ask,
                .. state.IsUrgent(report) ? Array.Empty<CaseAction>() : [CaseAction.MarkUrgent],
                .. review,
                .. decides && state.MeasureAwaitingReview is null ? [CaseAction.InterimMeasure] : Array.Empty<CaseAction>(),
                .. decides ? [CaseAction.Resolve] : Array.Empty<CaseAction>(),
                .. tell,
                .. hold,
                CaseAction.Note, CaseAction.Recuse,
            ];
    }

    /// <summary>What the forms are drawn from: the page's own (View); it carries no link, since the page has none.</summary>
    public CaseContext ContextFor(ViewedCase viewed, IReadOnlyList<CaseMessage> messages, ICaseWorkflow workflows) =>
        new(CaseAction.View, viewed.Report, viewed.State, messages, viewed.MemberId, committee.Value.NameOf(viewed.MemberId), LinkId: "", clock.GetUtcNow(), workflows)
        {
            T = committee.Value.TextsFor(viewed.MemberId),
        };

    /// <summary>A link to the form of <paramref name="action"/> on a page of its own, for forms too long to sit on the case page.</summary>
    public string Href(CaseContext context, CaseAction action) =>
        $"{ActionLinks.PathOf(context.Reference, action)}?token={links.CreateForPage(context.Reference, context.MemberId, action)}";

    /// <summary>Appends the form of <paramref name="action"/>, with a fresh token of its own.</summary>
    public async Task AppendAsync(HtmlPage page, CaseContext context, CaseAction action, CancellationToken cancellationToken)
    {
        var handler = actions.Single(a => a.Action == action);
        (await handler.FormAsync(context, cancellationToken)).AppendSectionTo(
            page,
            ActionLinks.PathOf(context.Reference, action),
            links.CreateForPage(context.Reference, context.MemberId, action),
            idPrefix: ActionLinks.PathOf(action) + "-");
    }
}
