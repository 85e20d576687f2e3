using System.Globalization;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Transparency;

/// <summary>
/// "The Code of Conduct team will release annual public transparency reports": drafted from the records of one
/// period, with every count from 1 to k-1 merged away or published as "fewer than k", and nothing from a report's
/// free text but the committee's public summaries. Every table and the descriptions count all the reports of the
/// period, so that no count can be worked out from two of them either. Pure: the same records give the same report.
/// </summary>
public static class TransparencyReportGenerator
{
    public const string NotYetResolved = "Not yet resolved";
    public const string NotCategorised = "Not categorised";
    const string NotYetDue = "Not yet due";
    public const string MadeOnly = "A report was made.";

    /// <param name="records">Every report; those received outside [from, to] are left out, and appeals, which review a report counted already.</param>
    /// <param name="now">When it is drafted: promises whose time has not yet come are counted as not yet due.</param>
    public static TransparencyReport Generate(
        IEnumerable<TransparencyRecord> records,
        DateOnly from,
        DateOnly to,
        string community,
        string promotion,
        TransparencyOptions options,
        TimeSpan acknowledgeWithin,
        TimeSpan followUpWithin,
        DateTimeOffset now,
        TimeSpan? urgentAcknowledgeWithin = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.K, TransparencyOptions.SmallestK);
        var k = options.K;
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var period = records.Where(r => !r.IsAppeal && r.ReceivedAt >= start && r.ReceivedAt < end).ToList();
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

        // Each report against the promise it was made (an urgent one's is shorter), in one table: a table of urgent
        // reports alone would be a count of them.
        var (acknowledgment, acknowledgmentMedian) = Promise(period, r => r.AcknowledgedAt, r => r.AcknowledgeDue ?? r.ReceivedAt + acknowledgeWithin, now, k);
        var (followUp, followUpMedian) = Promise(period, r => r.FollowedUpAt, r => r.ReceivedAt + followUpWithin, now, k);

        return new TransparencyReport(
            community,
            from,
            to,
            k,
            new PublishedCount("Reports received", period.Count, k),
            SmallCells.Merge(types, k, NotYetResolved),
            SmallCells.Merge(outcomes, k, NotYetResolved),
            acknowledgeWithin,
            urgentAcknowledgeWithin is { } soon && soon < acknowledgeWithin ? soon : null,
            acknowledgment,
            acknowledgmentMedian,
            followUpWithin,
            followUp,
            followUpMedian,
            promotion.Trim(),
            period.Count >= k ? Descriptions(period, k) : [])
        {
            Statements = [.. records
                .Where(r => r.PublicStatementAt >= start && r.PublicStatementAt < end && !string.IsNullOrWhiteSpace(r.PublicStatement))
                .OrderBy(r => r.PublicStatementAt)
                .Select(r => (DateOnly.FromDateTime(r.PublicStatementAt!.Value.UtcDateTime), r.PublicStatement!.Trim()))],
        };
    }

    /// <summary>
    /// One line for every report, so that their number is the total's and tells nothing of how many are still open: the
    /// public summary of a resolved one, or "A report was made." for one still open as for one that can't be anonymized.
    /// When from 1 to k-1 lines would say that, the summaries of the latest resolved are held back until k do, so that no
    /// such line can be taken for the one open report. Sorted, so their order says nothing of when each report came.
    /// </summary>
    static List<string> Descriptions(List<TransparencyRecord> period, int k)
    {
        var summarised = period
            .Where(r => r.ResolvedAt is not null && !string.IsNullOrWhiteSpace(r.PublicSummary))
            .OrderBy(r => r.ResolvedAt)
            .ThenBy(r => r.PublicSummary, StringComparer.Ordinal)
            .ToList();
        var madeOnly = period.Count - summarised.Count;
        var heldBack = madeOnly is > 0 && madeOnly < k ? Math.Min(k - madeOnly, summarised.Count) : 0;
        return [.. summarised.SkipLast(heldBack).Select(r => r.PublicSummary!.Trim()).Concat(Enumerable.Repeat(MadeOnly, madeOnly + heldBack)).Order(StringComparer.Ordinal)];
    }

    static (IReadOnlyList<PublishedCount> Cells, string Median) Promise(
        List<TransparencyRecord> period, Func<TransparencyRecord, DateTimeOffset?> keptAt, Func<TransparencyRecord, DateTimeOffset> dueAt, DateTimeOffset now, int k)
    {
        // Kept or not once kept, or once its time has run out; the others counted too, so the table adds up to the total.
        var due = period.Where(r => keptAt(r) is not null || dueAt(r) <= now).ToList();
        var kept = due.Count(r => keptAt(r) <= dueAt(r));
        var cells = SmallCells.Merge([("Kept", kept), ("Not kept", due.Count - kept), (NotYetDue, period.Count - due.Count)], k);

        var times = due.Where(r => keptAt(r) is not null).Select(r => (keptAt(r)!.Value - r.ReceivedAt).TotalHours).Order().ToList();
        var median = times.Count < k
            ? $"not published (fewer than {k})"
            : string.Create(CultureInfo.InvariantCulture, $"{(times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2):0.#} hours");
        return (cells, median);
    }
}
