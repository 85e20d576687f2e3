using System.Globalization;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Transparency;

/// <summary>
/// "The Code of Conduct team will release annual public transparency reports": drafted from the records of one
/// period, with every count from 1 to k-1 merged away or published as "fewer than k", and nothing from a report's
/// free text but the committee's public summaries. Pure: the same records give the same report.
/// </summary>
public static class TransparencyReportGenerator
{
    public const string NotYetResolved = "Not yet resolved";
    public const string NotCategorised = "Not categorised";
    public const string MadeOnly = "A report was made.";

    /// <param name="records">Every report; those received outside [from, to] are left out.</param>
    /// <param name="now">When it is drafted: promises whose time has not yet come are not counted.</param>
    public static TransparencyReport Generate(
        IEnumerable<TransparencyRecord> records,
        DateOnly from,
        DateOnly to,
        string community,
        string promotion,
        TransparencyOptions options,
        TimeSpan acknowledgeWithin,
        TimeSpan followUpWithin,
        DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.K, TransparencyOptions.SmallestK);
        var k = options.K;
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var period = records.Where(r => r.ReceivedAt >= start && r.ReceivedAt < end).ToList();
        var resolved = period.Where(r => r.ResolvedAt is not null).ToList();

        var types = options.IncidentTypes
            .Select(t => (t, resolved.Count(r => r.IncidentType == t)))
            .Append((NotCategorised, resolved.Count(r => r.IncidentType is null || !options.IncidentTypes.Contains(r.IncidentType))))
            .Append((NotYetResolved, period.Count - resolved.Count));
        var outcomes = new[]
        {
            ("Found to violate the Code of Conduct", resolved.Count(r => r.Violation == Finding.Yes)),
            ("Found not to violate it", resolved.Count(r => r.Violation != Finding.Yes)),
            (NotYetResolved, period.Count - resolved.Count),
        };

        var (acknowledgment, acknowledgmentMedian) = Promise(period, r => r.AcknowledgedAt, acknowledgeWithin, now, k);
        var (followUp, followUpMedian) = Promise(period, r => r.FollowedUpAt, followUpWithin, now, k);

        // Sorted, so their order says nothing of when each report came.
        IReadOnlyList<string> descriptions = resolved.Count >= k
            ? [.. resolved.Select(r => string.IsNullOrWhiteSpace(r.PublicSummary) ? MadeOnly : r.PublicSummary.Trim()).Order(StringComparer.Ordinal)]
            : [];

        return new TransparencyReport(
            community,
            from,
            to,
            k,
            new PublishedCount("Reports received", period.Count, k),
            SmallCells.Merge(types, k),
            SmallCells.Merge(outcomes, k),
            acknowledgeWithin,
            acknowledgment,
            acknowledgmentMedian,
            followUpWithin,
            followUp,
            followUpMedian,
            promotion.Trim(),
            descriptions);
    }

    static (IReadOnlyList<PublishedCount> Cells, string Median) Promise(
        List<TransparencyRecord> period, Func<TransparencyRecord, DateTimeOffset?> keptAt, TimeSpan within, DateTimeOffset now, int k)
    {
        // Counted once kept, or once its time has run out.
        var due = period.Where(r => keptAt(r) is not null || r.ReceivedAt + within <= now).ToList();
        var kept = due.Count(r => keptAt(r) - r.ReceivedAt <= within);
        var cells = SmallCells.Merge([("Kept", kept), ("Not kept", due.Count - kept)], k);

        var times = due.Where(r => keptAt(r) is not null).Select(r => (keptAt(r)!.Value - r.ReceivedAt).TotalHours).Order().ToList();
        var median = times.Count < k
            ? $"not published (fewer than {k})"
            : string.Create(CultureInfo.InvariantCulture, $"{(times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2):0.#} hours");
        return (cells, median);
    }
}
