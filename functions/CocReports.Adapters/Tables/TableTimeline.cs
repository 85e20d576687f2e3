using System.Globalization;
using Azure.Data.Tables;
using CocReports.Procedure.Timeline;

namespace CocReports.Adapters.Tables;

/// <summary>Each case's timeline: one partition per report, rows ordered by time.</summary>
public sealed class TableTimeline(TableClient timeline) : ITimeline
{
    public Task AppendAsync(string reference, TimelineEntry entry, CancellationToken cancellationToken)
    {
        // Ticks first so rows sort by time; a random suffix keeps two steps in the same tick apart.
        var rowKey = entry.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
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
