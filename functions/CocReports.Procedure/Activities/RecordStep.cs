using CocReports.Procedure.Timeline;
using Microsoft.DurableTask;

namespace CocReports.Procedure.Activities;

/// <summary>Writes a step of the procedure to the case's timeline.</summary>
public sealed class RecordStep(ITimeline timeline) : TaskActivity<StepRecord, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, StepRecord input) => RunAsync(input);

    public async Task<bool> RunAsync(StepRecord record)
    {
        await timeline.AppendAsync(record.Reference, record.Entry, CancellationToken.None);
        return true;
    }
}

public sealed record StepRecord(string Reference, TimelineEntry Entry);
