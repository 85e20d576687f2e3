using Azure.Data.Tables;
using CocReports.Procedure.Timeline;

namespace CocReports.Adapters.Tables;

/// <summary>Each case's timeline: one partition per report, rows ordered by time.</summary>
public sealed class TableTimeline(TableClient timeline) : ITimeline
{
    public Task AppendAsync(string reference, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var rowKey = ChronologicalKey.For(entry.At);
        return timeline.AddEntityAsync(
            new TableEntity(reference, rowKey)
            {
                ["At"] = entry.At,
                ["Step"] = entry.Step,
                ["MemberId"] = entry.MemberId,
                ["Note"] = entry.Note,
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineEntry>();
        await foreach (var e in timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference, cancellationToken: cancellationToken))
        {
            entries.Add(new TimelineEntry(e.GetDateTimeOffset("At") ?? default, e.GetString("Step") ?? "", e.GetString("MemberId"), e.GetString("Note")));
        }

        return entries;
    }
}
