namespace CocReports.Procedure.Timeline;

/// <summary>Each case's append-only record of steps: what happened, when, by whom (member id, never content).</summary>
public interface ITimeline
{
    Task AppendAsync(string reference, TimelineEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimelineEntry>> ReadAsync(string reference, CancellationToken cancellationToken);
}
