using CocReports.Api.Access;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CasePage;

/// <summary>
/// Who may open a case: a member of the report's audience in a case session, which their View link starts. The link
/// is exchanged once (<see cref="LinkExchange"/>) for a short-lived cookie scoped to the report, and the browser is sent
/// on to the same page without the token, so evidence links, history and Referer carry no credential. "The incident
/// documentation will not be available to them": a recused or excluded member is refused, and the refusal is kept
/// in the audit trail. Links and sessions of a revoked member, tampered and expired links are refused and change nothing.
/// Passkeys: with <c>Committee:Passkeys</c> = Required, a member without one sees nothing of the case until they add one
/// here; a member with one confirms again (step-up) for what matters most once their last confirmation is a few minutes old.
/// Conflicts: with <c>Committee:DeclareConflicts</c>, nothing of the case is shown until the member has declared theirs
/// (the case page asks, <see cref="CaseActions.DeclareAction"/>).
/// </summary>
public sealed class CaseAccess(
    MemberLinkGate gate,
    LinkExchange exchange,
    CaseSessions sessions,
    IReportStore reports,
    ICaseStates cases,
    IAuditTrail audit,
    IPasskeyStore passkeys,
    PasskeyCeremony ceremony,
    ActionLinks links,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock,
    ILogger<CaseAccess> log)
{
    /// <summary>What the audit trail names the adding of a passkey by.</summary>
    public const string PasskeyAdded = "passkey.added";

    /// <summary>What the audit trail names a step-up confirmation by.</summary>
    public const string PasskeyConfirmed = "passkey.confirmed";

    /// <summary>What the audit trail names when the case page itself was opened.</summary>
    public const string CaseView = "case";

    /// <summary>The case session's cookie; its path keeps it to one report.</summary>
    public const string CookieName = "coc-case";

    /// <param name="what">What the member asked for, as the audit trail names it (<see cref="CaseView"/> or a blob name).</param>
    /// <param name="asksDeclaration">
    /// Whether the caller itself asks a member who has not declared their conflicts yet (the case page does); anything
    /// else of the case (evidence, the trail) waits for the declaration.
    /// </param>
    public async Task<(IResult? Refusal, ViewedCase? Case)> AdmitAsync(
        HttpRequest request, string reference, Func<Report, string> what, CancellationToken cancellationToken, bool asksDeclaration = false)
    {
        var (refusal, opened) = await SessionAsync(request, reference, what, cancellationToken);
        if (refusal is not null)
        {
            return (refusal, null);
        }

        var viewed = opened!;
        if (PasskeyRule.MustAdd(committee.Value, viewed.Passkeys.Count > 0))
        {
            var t = committee.Value.TextsFor(viewed.MemberId);
            return (PasskeyPages.MustAdd(t.Format("Case.Title", reference), PasskeyHref(reference), AddFields(viewed, request), t), null);
        }

        if (!asksDeclaration && MustDeclare(viewed.State, viewed.MemberId))
        {
            return (DeclareFirst(reference, committee.Value.TextsFor(viewed.MemberId)), null);
        }

        return (null, viewed);
    }

    /// <summary>Whether the member must declare their conflicts before anything of the case is shown to them.</summary>
    public bool MustDeclare(CaseState state, string memberId) => committee.Value.DeclareConflicts && !state.HasDeclared(memberId);

    /// <summary>The refusal of anything of the case before the member declared their conflicts: the case page asks for it.</summary>
    public static IResult DeclareFirst(string reference, Texts t) =>
        new HtmlPage(t["Case.DeclareFirst.Title"], StatusCodes.Status403Forbidden, t.Language)
            .Heading(t["Case.DeclareFirst.Heading"])
            .Paragraph(t["Case.DeclareFirst.Text"])
            .Link(t["Case.DeclareFirst.Link"], ActionLinks.PathOf(reference, CaseAction.View));

    /// <summary>
    /// The page asking for a recent passkey confirmation before the step <paramref name="whatKey"/> names (a text's key),
    /// or null when it may go ahead: passkeys off, no passkey yet (Offered), or confirmed within <c>Committee:PasskeyStepUpWithin</c>.
    /// </summary>
    public IResult? StepUp(ViewedCase viewed, HttpRequest request, string whatKey) =>
        NeedsStepUp(viewed) && committee.Value.TextsFor(viewed.MemberId) is var t
            ? PasskeyPages.Confirm(t[whatKey], ConfirmHref(viewed.Report.Reference), ConfirmFields(viewed, request.Path + request.QueryString), t)
            : null;

    /// <summary>Whether the member must confirm with their passkey before what matters most.</summary>
    public bool NeedsStepUp(ViewedCase viewed) =>
        PasskeyRule.StepUpNeeded(committee.Value, viewed.Passkeys.Count > 0, viewed.Session.ConfirmedAt, clock.GetUtcNow());

    /// <summary>The hidden fields of a form offering a passkey to <paramref name="viewed"/>'s member, who returns to the page they asked for.</summary>
    public Dictionary<string, string> AddFields(ViewedCase viewed, HttpRequest request) =>
        WithThen(ceremony.ToAdd(viewed.Report.Reference, viewed.MemberId, viewed.Passkeys), request.Path + request.QueryString);

    /// <summary>The hidden fields of a step-up form, returning to <paramref name="then"/> once confirmed.</summary>
    public Dictionary<string, string> ConfirmFields(ViewedCase viewed, string then) =>
        WithThen(ceremony.ToConfirm(viewed.Report.Reference, viewed.MemberId, viewed.Passkeys), then);

    public static string PasskeyHref(string reference) => $"/api/reports/{Uri.EscapeDataString(reference)}/passkey";

    public static string ConfirmHref(string reference) => PasskeyHref(reference) + "/confirm";

    /// <summary>
    /// For an action link of a member who has a passkey: null when it may act, else the page that asks for the passkey.
    /// A link alone does not act for such a member: their case session (started with the passkey) must be in the
    /// browser, and <paramref name="fresh"/> steps (<see cref="CaseActions.ICaseAction.NeedsStepUp"/>) need a recent
    /// confirmation. The session is a SameSite=Strict cookie, which a page opened from mail does not carry but the
    /// form posted from that page does: <paramref name="sessionRequired"/> is set for the post.
    /// </summary>
    public async Task<IResult?> PasskeyForActionAsync(
        HttpRequest request, string reference, string memberId, string then, bool fresh, bool sessionRequired, CancellationToken cancellationToken)
    {
        var owned = await passkeys.ForMemberAsync(memberId, cancellationToken);
        if (!PasskeyRule.SignInNeeded(committee.Value, owned.Count > 0))
        {
            return null;
        }

        var t = committee.Value.TextsFor(memberId);
        var session = exchange.Held(request, Place(reference));
        if (session is null || session.MemberId != memberId)
        {
            return sessionRequired ? PasskeyPages.OpenTheCaseFirst(links.Create(reference, memberId, CaseAction.View).PathAndQuery, t) : null;
        }

        return fresh && PasskeyRule.StepUpNeeded(committee.Value, true, session.ConfirmedAt, clock.GetUtcNow())
            ? PasskeyPages.Confirm(t["Passkey.ThisStep"], ConfirmHref(reference), WithThen(ceremony.ToConfirm(reference, memberId, owned), then), t)
            : null;
    }

    /// <summary>POST /api/reports/{reference}/passkey: adds the member's passkey from their case session.</summary>
    public async Task<IResult> AddPasskeyAsync(HttpRequest request, string reference, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await Requests.SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var (refusal, opened) = await SessionAsync(request, reference, _ => PasskeyAdded, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var viewed = opened!;
        var t = committee.Value.TextsFor(viewed.MemberId);
        var added = await ceremony.AddAsync(form, reference, viewed.MemberId, viewed.Passkeys, cancellationToken);
        if (added is null)
        {
            log.LogWarning("Member {MemberId} tried to add a passkey on report {Reference}; it did not verify", viewed.MemberId, reference);
            return PasskeyPages.NotConfirmed(t, ActionLinks.PathOf(reference, CaseAction.View));
        }

        await audit.AppendAsync(reference, new AuditEntry(clock.GetUtcNow(), viewed.MemberId, PasskeyAdded, Allowed: true), CancellationToken.None);
        log.LogInformation("Member {MemberId} added passkey {Passkey} on report {Reference}", viewed.MemberId, added.ShortId, reference);
        var page = new HtmlPage(t["Passkey.Added.Title"], language: t.Language).Heading(t["Passkey.Added.Heading"])
            .Paragraph(t["Passkey.Added.Text"])
            .Link(t["Passkey.OpenTheCase"], LocalThen(form, reference));
        return exchange.Started(request, sessions.Confirmed(viewed.Session, reference), Place(reference), page);
    }

    /// <summary>POST /api/reports/{reference}/passkey/confirm: a step-up within the case session, then back where the member was.</summary>
    public async Task<IResult> ConfirmPasskeyAsync(HttpRequest request, string reference, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await Requests.SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var (refusal, opened) = await SessionAsync(request, reference, _ => PasskeyConfirmed, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var viewed = opened!;
        var t = committee.Value.TextsFor(viewed.MemberId);
        var then = LocalThen(form, reference);
        var confirmed = await ceremony.ConfirmAsync(form, reference, viewed.MemberId, viewed.Passkeys, cancellationToken);
        await audit.AppendAsync(reference, new AuditEntry(clock.GetUtcNow(), viewed.MemberId, PasskeyConfirmed, Allowed: confirmed is not null), CancellationToken.None);
        if (confirmed is null)
        {
            log.LogWarning("Member {MemberId} did not confirm with a passkey on report {Reference}", viewed.MemberId, reference);
            return PasskeyPages.NotConfirmed(t, then);
        }

        log.LogInformation("Member {MemberId} confirmed with passkey {Passkey} on report {Reference}", viewed.MemberId, confirmed.ShortId, reference);
        var page = new HtmlPage(t["Passkey.Confirmed.Title"], language: t.Language).Refresh(then).Heading(t["Passkey.Confirmed.Heading"]).Link(t["Passkey.Continue"], then);
        return exchange.Started(request, sessions.Confirmed(viewed.Session, reference), Place(reference), page);
    }

    // Only somewhere on this report's own pages: a posted "then" never sends the member elsewhere.
    static string LocalThen(IFormCollection form, string reference)
    {
        var then = form["then"].ToString();
        var prefix = $"/api/reports/{Uri.EscapeDataString(reference)}/";
        return then.StartsWith(prefix, StringComparison.Ordinal) && !then.Contains("//", StringComparison.Ordinal) && !then.Contains('\\', StringComparison.Ordinal)
            ? then
            : ActionLinks.PathOf(reference, CaseAction.View);
    }

    static Dictionary<string, string> WithThen(Dictionary<string, string> fields, string then)
    {
        fields["then"] = then;
        return fields;
    }

    async Task<(IResult? Refusal, ViewedCase? Case)> SessionAsync(
        HttpRequest request, string reference, Func<Report, string> what, CancellationToken cancellationToken)
    {
        if (request.Query.ContainsKey("token"))
        {
            return (await exchange.OfferAsync(request, Place(reference), cancellationToken), null);
        }

        var session = exchange.Held(request, Place(reference));
        if (session is null)
        {
            return (LinkPages.NoSession(committee.Value.TextsFor(null)), null);
        }

        if (await gate.IsRevokedAsync(session.MemberId, session.IssuedAt, cancellationToken))
        {
            return (LinkPages.Revoked(committee.Value.TextsFor(session.MemberId)), null);
        }

        var memberId = session.MemberId;
        var report = await reports.FindAsync(reference, cancellationToken);
        if (report is null)
        {
            // Nothing left to see or protect; the page says no more than for a refused member.
            return (LinkPages.NoLongerYours(committee.Value.TextsFor(memberId)), null);
        }

        var state = await cases.GetCaseStateAsync(reference, cancellationToken);
        if (!Audience.For(committee.Value, report, state).Includes(memberId))
        {
            // Kept even when the member's browser gives up: a refusal must not go unrecorded.
            await audit.AppendAsync(reference, new AuditEntry(clock.GetUtcNow(), memberId, what(report), Allowed: false), CancellationToken.None);
            log.LogInformation("Member {MemberId} was refused report {Reference}", memberId, reference);
            return (LinkPages.NoLongerYours(committee.Value.TextsFor(memberId)), null);
        }

        return (null, new ViewedCase(memberId, report, state, session, await passkeys.ForMemberAsync(memberId, cancellationToken)));
    }

    /// <summary>Written before anything of the case is sent: no view goes unrecorded.</summary>
    public Task RecordAsync(ViewedCase viewed, string what, CancellationToken cancellationToken) =>
        audit.AppendAsync(viewed.Report.Reference, new AuditEntry(clock.GetUtcNow(), viewed.MemberId, what, Allowed: true), cancellationToken);

    /// <summary>POST from the View link's page: the link is spent and the case session starts.</summary>
    public Task<IResult> ExchangeAsync(HttpRequest request, string reference, CancellationToken cancellationToken) =>
        exchange.ExchangeAsync(request, Place(reference), cancellationToken);

    static SessionPlace Place(string reference) =>
        new(reference, CaseAction.View, reference, CookieName, $"/api/reports/{reference}", ActionLinks.PathOf(reference, CaseAction.View), t => t.Format("Case.Title", reference), reference);
}

/// <summary>
/// A case a member may see, in their session, with the passkeys they have, as the case page, its evidence and its trail
/// export are about to show it. Not an "open case" (one not yet resolved, as on the open-cases page): resolved cases are
/// viewed too.
/// </summary>
public sealed record ViewedCase(string MemberId, Report Report, CaseState State, CaseSession Session, IReadOnlyList<Passkey> Passkeys);
