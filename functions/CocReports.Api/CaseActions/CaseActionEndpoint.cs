using CocReports.Api.Access;
using CocReports.Api.CasePage;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// /api/reports/{reference}/{action}: every action link lands here. GET shows the action's form (mail scanners open
/// links, so GET never acts); the POST from that form acts. Before either, in one place: the link must be genuine,
/// unexpired, for this report and action, and issued after any revocation of its holder's links; its holder must still be allowed to see the report (not excluded,
/// not recused); and a single-use link must not have been used. A refused link changes nothing. The action itself is
/// carried out, and audited, by <see cref="CaseDesk"/>.
/// </summary>
/// <remarks>
/// The forms carry the link's token; for a member with a passkey, the case session's cookie must come too
/// (<see cref="CaseAccess.PasskeyForActionAsync"/>). It is SameSite=Strict, so a forged cross-site post carries it not.
/// </remarks>
public sealed class CaseActionEndpoint(
    IEnumerable<ICaseAction> actions,
    MemberLinkGate gate,
    CaseAccess access,
    ActionLinks links,
    IReportStore reports,
    ICaseStates cases,
    ICaseMessages caseMessages,
    ILinkLedger linkLedger,
    IOptions<CommitteeOptions> committee,
    IOptions<IntakeOptions> intake,
    TimeProvider clock)
{
    /// <summary>
    /// The actions' route, with the action names spelled out: Azure Functions orders routes by function name, not
    /// by how specific they are, so an open "{action}" could take the case page's "view" from it.
    /// </summary>
    public const string Route = "reports/{reference}/{action:regex(^(acknowledge|recuse|follow-up|status-update|ask|resolve|answer|confirm-sender|identify|note|declare|mark-urgent|interim-measure|review-measure|extend-response|legal-hold|tell-reported|statement|appeal|public-statement|consent|publish-statement)$)}";

    public async Task<IResult> ShowAsync(HttpRequest request, ICaseWorkflow workflows, string reference, string action, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        var (refusal, handler, context) = await CheckAsync(token, reference, action, workflows, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        // A page opened from the case carries the case session: ask for the passkey before the form is filled in. From
        // mail it does not (SameSite=Strict), and the form's post asks instead.
        if (await PasskeyAsync(request, handler!, context!, token, sessionRequired: false, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        var form = await handler!.FormAsync(context!, cancellationToken);
        return form.Page(request.Path, token);
    }

    public async Task<IResult> ConfirmAsync(HttpRequest request, ICaseWorkflow workflows, string reference, string action, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var token = form["token"].ToString();
        var (refusal, handler, context) = await CheckAsync(token, reference, action, workflows, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await PasskeyAsync(request, handler!, context!, token, sessionRequired: true, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        // Everything that could stop the action is checked before the link is spent, lengths included: a link spent
        // on a text storage would refuse is a link lost.
        var errors = handler!.Validate(context!, form);
        foreach (var (field, values) in form)
        {
            if (values.Any(v => v?.Length > intake.Value.MaxTextLength))
            {
                errors[field] = context!.T.Format("Action.TooLong", context.T.Number(intake.Value.MaxTextLength));
            }
        }

        if (errors.Count > 0)
        {
            var page = await handler.FormAsync(context!, cancellationToken);
            return WithWayBack(page.Page(request.Path, token, errors, StatusCodes.Status400BadRequest), handler, context!);
        }

        // Spending the link is atomic: of two posts of one link (a double click), only one acts.
        if (handler.SingleUse && !await linkLedger.TryUseLinkAsync(reference, context!.LinkId, cancellationToken))
        {
            return LinkPages.AlreadyUsed(committee.Value.TextsFor(context!.MemberId));
        }

        return WithWayBack(await handler.ActAsync(context!, form, cancellationToken), handler, context!);
    }

    Task<IResult?> PasskeyAsync(HttpRequest request, ICaseAction handler, CaseContext context, string token, bool sessionRequired, CancellationToken cancellationToken) =>
        !IsParty(context.MemberId)
            ? access.PasskeyForActionAsync(
                request, context.Reference, context.MemberId, $"{request.Path}?token={Uri.EscapeDataString(token)}", handler.NeedsStepUp, sessionRequired, cancellationToken)
            : Task.FromResult<IResult?>(null);

    // Whether the member came from an email or from the case page, a fresh View link leads back to the case, unless
    // they just recused themselves from it (a declaration says itself where the member goes next).
    IResult WithWayBack(IResult result, ICaseAction handler, CaseContext context) =>
        result is HtmlPage page && handler.Action is not (CaseAction.Recuse or CaseAction.Declare) && !IsParty(context.MemberId)
            ? page.Link(context.T["Action.BackToCase"], links.Create(context.Reference, context.MemberId, CaseAction.View).PathAndQuery)
            : result;

    async Task<(IResult? Refusal, ICaseAction? Handler, CaseContext? Context)> CheckAsync(
        string token, string reference, string action, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var handler = actions.FirstOrDefault(a => ActionLinks.PathOf(a.Action) == action);
        if (handler is null)
        {
            return (LinkPages.Refused(LinkStatus.Tampered, committee.Value.TextsFor(null)), null, null);
        }

        var (refusal, check) = await gate.CheckAsync(token, reference, handler.Action, cancellationToken);
        if (refusal is not null)
        {
            return (refusal, null, null);
        }

        var report = await reports.FindAsync(reference, cancellationToken);
        var state = await cases.GetCaseStateAsync(reference, cancellationToken);
        var isReporterLink = check.MemberId == ActionLinks.Reporter;
        var isReportedLink = check.MemberId == ActionLinks.ReportedPerson;
        if (report is null
            || (isReporterLink && !handler.HeldByReporter)
            || (isReportedLink && !handler.HeldByReportedPerson)
            || (!IsParty(check.MemberId!) && (handler.HeldByReporter || handler.HeldByReportedPerson))
            || (!IsParty(check.MemberId!) && !Audience.For(committee.Value, report, state).Includes(check.MemberId!)))
        {
            return (LinkPages.NoLongerYours(committee.Value.TextsFor(check.MemberId)), null, null);
        }

        if (handler.WaitsForDeclaration && access.MustDeclare(state, check.MemberId!))
        {
            return (CaseAccess.DeclareFirst(reference, committee.Value.TextsFor(check.MemberId)), null, null);
        }

        if (handler.SingleUse && await linkLedger.IsLinkUsedAsync(reference, check.LinkId!, cancellationToken))
        {
            return (LinkPages.AlreadyUsed(committee.Value.TextsFor(check.MemberId)), null, null);
        }

        var name = IsParty(check.MemberId!) ? "You" : committee.Value.NameOf(check.MemberId!);
        var messages = await caseMessages.GetMessagesAsync(reference, cancellationToken);
        return (null, handler, new CaseContext(handler.Action, report, state, messages, check.MemberId!, name, check.LinkId!, clock.GetUtcNow(), workflows)
        {
            T = isReporterLink ? Texts.For(report.Details.Language) : committee.Value.TextsFor(isReportedLink ? null : check.MemberId),
        });
    }

    // The reporter and the reported person hold links of their own: no passkey, no committee page to go back to.
    static bool IsParty(string memberId) => memberId is ActionLinks.Reporter or ActionLinks.ReportedPerson;
}
