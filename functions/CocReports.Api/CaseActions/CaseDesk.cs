using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;

namespace CocReports.Api.CaseActions;

/// <summary>
/// Where every action on a case is carried out (<see cref="CaseChange"/>), in one order: the case's rule decides
/// (<see cref="CaseState"/>); the store keeps what it allows, and the message, if one was sent; the timeline step
/// (<see cref="CaseStep"/>); the audit entry; and the event, so the workflow mails whoever must hear of it. (The link
/// was checked and spent before, by <see cref="CaseActionEndpoint"/>.) The event is marked untold until the engine
/// took it: if the engine can't be reached, the action still stands and the sweep tells the workflow later
/// (<see cref="CaseEventSweep"/>).
/// </summary>
public sealed class CaseDesk(
    ICaseStates cases,
    ICaseMessages caseMessages,
    ITimeline timeline,
    IAuditTrail audit,
    IUntoldCaseEvents untold,
    ProcedureMetrics metrics,
    TimeProvider clock,
    ILogger<CaseDesk> log)
{
    /// <summary>What the audit trail names an action by, followed by its path ("action:acknowledge").</summary>
    public const string WhatPrefix = "action:";

    /// <summary>
    /// An action taken from a link, audited under the link's holder whether the case allowed it or not: no action goes
    /// unrecorded. False, changing nothing, when the case doesn't allow it (another member acknowledged first, say).
    /// </summary>
    public Task<bool> ActAsync(CaseContext context, CaseChange change, CancellationToken cancellationToken) =>
        CarryOutAsync(context.Reference, context.MemberId, context.Now, context.Workflows, change, context.Action, cancellationToken);

    /// <summary>What the reporter did without a link (an answer on the status page, a reply by email): nothing to audit.</summary>
    public Task<bool> RecordAsync(string reference, string by, DateTimeOffset at, ICaseWorkflow workflows, CaseChange change, CancellationToken cancellationToken) =>
        CarryOutAsync(reference, by, at, workflows, change, audited: null, cancellationToken);

    async Task<bool> CarryOutAsync(
        string reference, string by, DateTimeOffset at, ICaseWorkflow workflows, CaseChange change, CaseAction? audited, CancellationToken cancellationToken)
    {
        if ((change.Rule is { } rule && await cases.TryChangeCaseAsync(reference, rule, cancellationToken) is null)
            || (change.Keep is { } keep && !await keep(cancellationToken)))
        {
            await AuditAsync(reference, by, audited, cancellationToken);
            return false;
        }

        if (change.Message is { } message)
        {
            await caseMessages.AddMessageAsync(reference, message, cancellationToken);
        }

        if (change.TimelineStep is { } step)
        {
            // The timeline names committee members only; a reporter's step stands without a name.
            await timeline.AppendAsync(reference, new TimelineEntry(at, step, by == ActionLinks.Reporter ? null : by, change.Note), cancellationToken);
            metrics.StepRecorded(step);
        }

        await AuditAsync(reference, by, audited, cancellationToken);
        if (change.Event is { } kind)
        {
            await TellAsync(reference, new CaseEvent(kind, by, at, change.Message?.Id, change.Message?.NextUpdateBy, change.ResponseEnds ?? change.Message?.ResponseEnds, change.Message?.Response), workflows, cancellationToken);
        }

        return true;
    }

    Task AuditAsync(string reference, string by, CaseAction? action, CancellationToken cancellationToken) =>
        action is { } done
            ? audit.AppendAsync(reference, new AuditEntry(clock.GetUtcNow(), by, WhatPrefix + ActionLinks.PathOf(done), Allowed: true), cancellationToken)
            : Task.CompletedTask;

    async Task TellAsync(string reference, CaseEvent happened, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        await untold.MarkAsync(reference, happened, cancellationToken);
        try
        {
            await workflows.TellAsync(reference, happened, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What the member did is stored: they are thanked, and the sweep tells the workflow once the engine answers.
            log.LogWarning("The workflow of report {Reference} was not told of {Event} ({Error}); the sweep tells it", reference, happened.Kind, e.GetType().Name);
            return;
        }

        await untold.ToldAsync(reference, happened, cancellationToken);
    }
}
