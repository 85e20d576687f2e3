using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Timeline;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CocReports.Procedure.Activities;

/// <summary>Writes a step of the procedure to the case's timeline, and counts it for the operators.</summary>
public sealed class RecordStep(ITimeline timeline, ProcedureMetrics metrics, ILogger<RecordStep> log) : TaskActivity<StepRecord, bool>
{
    /// <summary>The log event an alert rule looks for: a mail that failed after all its retries.</summary>
    public static readonly EventId MailFailed = new(4001, nameof(MailFailed));

    public override Task<bool> RunAsync(TaskActivityContext context, StepRecord input) => RunAsync(input);

    public async Task<bool> RunAsync(StepRecord record)
    {
        if (!await timeline.AppendAsync(record.Reference, record.Entry, CancellationToken.None))
        {
            // Run again by the durable engine: recorded, counted and logged the first time.
            return true;
        }

        metrics.StepRecorded(record.Entry.Step);
        if (record.Entry.Step == CaseStep.MailFailed)
        {
            // The note names the notice and the recipient's role ("Receipt to the reporter"), never an address.
            log.LogError(MailFailed, "MailFailed on report {Reference}: {Note}", record.Reference, record.Entry.Note);
        }

        return true;
    }
}

public sealed record StepRecord(string Reference, TimelineEntry Entry);
