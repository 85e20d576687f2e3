using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;

namespace CocReports.Api.CaseActions;

/// <summary>
/// Where every action on a case is carried out, in one order: the case's rule decides (<see cref="CaseState"/>), the
/// store keeps its decision; then the message, if one was sent; the timeline step (<see cref="CaseStep"/>); and the
/// event, so the workflow mails whoever must hear of it. (The link was checked, spent and audited before, by
/// <see cref="CaseActionEndpoint"/>.) The event is marked untold until the engine took it: if the engine can't be
/// reached, the action still stands and the sweep tells the workflow later (<see cref="CaseEventSweep"/>).
/// </summary>
public sealed class CaseDesk(IReportStore reports, ITimeline timeline, IUntoldCaseEvents untold, ProcedureMetrics metrics, ILogger<CaseDesk> log)
{
    /// <summary>
    /// An action that changes the case's state: <paramref name="rule"/> decides, and only what it allows is stored and
    /// recorded. False, changing nothing, when the case doesn't allow it (another member acknowledged first, say).
    /// </summary>
    public async Task<bool> DecideAsync(CaseContext context, Func<CaseState, CaseState?> rule, CaseEventKind kind, CaseMessage? message, CancellationToken cancellationToken)
    {
        if (await reports.TryChangeCaseAsync(context.Reference, rule, cancellationToken) is null)
        {
            return false;
        }

        await RecordAsync(context, kind, message, cancellationToken);
        return true;
    }

    /// <summary>Records what a committee member did from a link.</summary>
    public Task RecordAsync(CaseContext context, CaseEventKind kind, CaseMessage? message, CancellationToken cancellationToken) =>
        RecordAsync(context.Reference, new CaseEvent(kind, context.MemberId, context.Now, message?.Id, message?.NextUpdateBy), context.Workflows, message, cancellationToken);

    public async Task RecordAsync(string reference, CaseEvent happened, ICaseWorkflow workflows, CaseMessage? message, CancellationToken cancellationToken)
    {
        if (message is not null)
        {
            await reports.AddMessageAsync(reference, message, cancellationToken);
        }

        // The timeline names committee members only; a reporter's step stands without a name.
        var member = happened.MemberId == ActionLinks.Reporter ? null : happened.MemberId;
        await untold.MarkAsync(reference, happened, cancellationToken);
        await RecordStepAsync(reference, new TimelineEntry(happened.At, CaseStep.Of(happened.Kind), member), cancellationToken);
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

    /// <summary>Records a step no one is to be mailed about: on the timeline only.</summary>
    public async Task RecordStepAsync(string reference, TimelineEntry step, CancellationToken cancellationToken)
    {
        await timeline.AppendAsync(reference, step, cancellationToken);
        metrics.StepRecorded(step.Step);
    }
}
