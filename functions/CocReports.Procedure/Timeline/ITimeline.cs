namespace CocReports.Procedure.Timeline;

/// <summary>Each case's append-only record of steps: what happened, when, by whom (member id, never content).</summary>
public interface ITimeline
{
    /// <returns>False when the same entry was already recorded (an activity the durable engine ran again).</returns>
    Task<bool> AppendAsync(string reference, TimelineEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimelineEntry>> ReadAsync(string reference, CancellationToken cancellationToken);
}
