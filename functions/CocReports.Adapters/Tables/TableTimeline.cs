using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Timeline;

namespace CocReports.Adapters.Tables;

/// <summary>Each case's timeline: one partition per report, rows ordered by time.</summary>
public sealed class TableTimeline(TableClient timeline) : ITimeline
{
    /// <summary>
    /// The row key is derived from the entry itself, so the same step recorded twice (an activity the durable engine
    /// ran again) is one row.
    /// </summary>
    public async Task<bool> AppendAsync(string reference, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{entry.Step.Name}\n{entry.MemberId}\n{entry.Note}")))[..12];
        try
        {
            await timeline.AddEntityAsync(
                new TableEntity(reference, ChronologicalKey.For(entry.At, fingerprint))
                {
                    ["At"] = entry.At,
                    ["Step"] = entry.Step.Name,
                    ["MemberId"] = entry.MemberId,
                    ["Note"] = entry.Note,
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineEntry>();
        await foreach (var e in timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference, cancellationToken: cancellationToken))
        {
            entries.Add(new TimelineEntry(e.GetDateTimeOffset("At") ?? default, CaseStep.Named(e.GetString("Step") ?? ""), e.GetString("MemberId"), e.GetString("Note")));
        }

        return entries;
    }
}
