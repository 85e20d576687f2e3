using CocReports.Api.Limits;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Organizers;

/// <summary>
/// /api/organizer/response-check: with their personal link, an organizer of an event (or a moderator of a space, listed
/// the same way) asks whether someone is under a response that keeps them out, by an identifier: yes or no, what, where
/// and until when (<see cref="ResponseInEffect"/>), never the report, the reporter or the reasons. The identifier is
/// matched by its keyed hash, as patterns are, and is neither stored, logged nor audited; each check is audited by
/// organizer and answer, and counted against the organizer's budget, so a leaked link can't run through a list of
/// addresses. Only identifiers that name one person are checked: a name or a bare handle could be someone else's,
/// and a wrong "yes" at an event's door harms someone who did nothing.
/// </summary>
public sealed class ResponseCheck(
    OrganizerGate gate,
    ClientLimits limits,
    ReportPatterns patterns,
    ICaseStates cases,
    ICaseMessages messages,
    IAuditTrail audit,
    IOptions<ResponseOptions> responses,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock,
    ILogger<ResponseCheck> log)
{
    public const string Route = "organizer/response-check";

    public const string Path = "/api/" + Route;

    /// <summary>The audit trail's chain of checks: who asked, when, and whether the answer was yes; never about whom.</summary>
    public const string AuditChain = "response-checks";

    const string IdentifierField = "identifier";

    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        var (refusal, _) = await gate.CheckAsync(token, cancellationToken);
        return refusal ?? Form(token, null);
    }

    public async Task<IResult> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var token = form["token"].ToString();
        var (refusal, organizer) = await gate.CheckAsync(token, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var checkable = Identifiers.From(form[IdentifierField].ToString()).Where(i => !i.Weak && i.Kind != "name").ToList();
        if (checkable.Count == 0)
        {
            return Form(token, T["ResponseCheck.NotCheckable"]);
        }

        if (await limits.ResponseCheckAsync(organizer!.Id, cancellationToken) is { } wait)
        {
            return new RetryAfter(
                new HtmlPage(T["ResponseCheck.TooMany.Title"], StatusCodes.Status429TooManyRequests, T.Language)
                    .Heading(T["ResponseCheck.TooMany.Title"])
                    .Paragraph(T["ResponseCheck.TooMany.Explain"]),
                wait);
        }

        var now = clock.GetUtcNow();
        var inEffect = new List<ResponseInEffect>();
        foreach (var reference in await patterns.NamingAsync(checkable, cancellationToken))
        {
            inEffect.AddRange(ResponseInEffect.Of(
                await cases.GetCaseStateAsync(reference, cancellationToken),
                await messages.GetMessagesAsync(reference, cancellationToken),
                responses.Value,
                now));
        }

        // Written before the answer is sent: no check goes unrecorded.
        var answer = inEffect.Count > 0 ? "response-check.yes" : "response-check.no";
        await audit.AppendAsync(AuditChain, new AuditEntry(now, "organizer:" + organizer.Id, answer, Allowed: true), cancellationToken);
        log.LogInformation("Organizer {OrganizerId} checked whether someone is under a response", organizer.Id);
        return Answer(token, inEffect);
    }

    Texts T => committee.Value.TextsFor(null);

    HtmlPage Answer(string token, List<ResponseInEffect> inEffect)
    {
        var t = T;
        var page = new HtmlPage(t["ResponseCheck.Title"], language: t.Language).Heading(t["ResponseCheck.Title"]);
        if (inEffect.Count == 0)
        {
            page.Notice(t["ResponseCheck.No"]).Paragraph(t["ResponseCheck.No.Explain"]);
        }
        else
        {
            page.Notice(t["ResponseCheck.Yes"])
                .Subheading(t["ResponseCheck.InEffect"])
                .Table(
                    [t["ResponseCheck.Response"], t["ResponseCheck.Scope"], t["ResponseCheck.Until"]],
                    inEffect.Select(r => (IReadOnlyList<TableCell>)
                    [
                        new(r.Response ?? t["ResponseCheck.InterimMeasure"]),
                        new(r.Scope ?? t["ResponseCheck.AskTheCommittee"]),
                        new(r.Until is { } until ? Texts.Time(until) : t["ResponseCheck.NoEnd"]),
                    ]),
                    "")
                .Paragraph(t["ResponseCheck.Yes.Explain"]);
        }

        return page.Link(t["ResponseCheck.Again"], $"{Path}?token={Uri.EscapeDataString(token)}");
    }

    HtmlPage Form(string token, string? error)
    {
        var t = T;
        var page = new HtmlPage(t["ResponseCheck.Title"], error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, t.Language)
            .Heading(t["ResponseCheck.Title"])
            .Paragraph(t["ResponseCheck.Explain"]);
        var errors = error is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [IdentifierField] = error };
        return page.Form(new FormBlock(
            Path,
            t["ResponseCheck.Button"],
            new Dictionary<string, string> { ["token"] = token },
            [new TextField(IdentifierField, t["ResponseCheck.Identifier"], "text", Required: true)],
            errors,
            error is null ? "" : t["ResponseCheck.Correct"]));
    }
}
