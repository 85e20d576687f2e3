using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask.Client;

namespace CocReports.Api.CaseActions;

/// <summary>
/// Writes down what happened on a case, the same way for every action: the message, if one was sent; the timeline
/// step, named after the event; then the event, so the workflow mails whoever must hear of it.
/// </summary>
public sealed class CaseRecord(IReportStore reports, ITimeline timeline, ProcedureMetrics metrics)
{
    /// <summary>Records what a committee member did from a link.</summary>
    public Task RecordAsync(CaseContext context, CaseEventKind kind, CaseMessage? message, CancellationToken cancellationToken) =>
        RecordAsync(context.Reference, new CaseEvent(kind, context.MemberId, context.Now, message?.Id, message?.NextUpdateBy), context.Workflows, message, cancellationToken);

    public async Task RecordAsync(string reference, CaseEvent happened, DurableTaskClient workflows, CaseMessage? message, CancellationToken cancellationToken)
    {
        if (message is not null)
        {
            await reports.AddMessageAsync(reference, message, cancellationToken);
        }

        // The timeline names committee members only; a reporter's step stands without a name.
        var member = happened.MemberId == ActionLinks.Reporter ? null : happened.MemberId;
        await RecordStepAsync(reference, new TimelineEntry(happened.At, happened.Kind.ToString(), member), cancellationToken);
        await workflows.RaiseEventAsync(WorkflowInstance.For(reference), CaseEvent.Name, happened, cancellationToken);
    }

    /// <summary>Records a step no one is to be mailed about: on the timeline only.</summary>
    public async Task RecordStepAsync(string reference, TimelineEntry step, CancellationToken cancellationToken)
    {
        await timeline.AppendAsync(reference, step, cancellationToken);
        metrics.StepRecorded(step.Step);
    }
}
