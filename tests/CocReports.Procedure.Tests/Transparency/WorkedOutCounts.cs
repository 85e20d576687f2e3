using System.Collections.Concurrent;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Transparency;

namespace CocReports.Procedure.Tests.Transparency;

/// <summary>
/// The counts a reader can work out from a published transparency report. Its exact numbers are the total, every cell
/// shown as a number, and the number of descriptions (lines can be counted, whatever their number). A reader adds or
/// subtracts any of them, each at most once; when the sum counts every possible report 0 or 1 times, it is the count of
/// a set of reports, as "Reports received" less the number of descriptions once was the number still open. A sum that
/// counts some report twice or -1 times counts no set (4 harassment reports less 3 found to be violations says nothing).
/// Which numbers count a report is asked of the generator itself, for one report of each kind it can be given.
/// </summary>
internal static class WorkedOutCounts
{
    const string Received = "Reports received";
    const string Described = "Descriptions";

    /// <summary>The kinds' labels for each k, period, promises and time of drafting, found once.</summary>
    static readonly ConcurrentDictionary<(int K, DateOnly From, DateOnly To, TimeSpan AcknowledgeWithin, TimeSpan FollowUpWithin, DateTimeOffset Drafted), Dictionary<string, string>[]> KindsOf = new();

    sealed record Row(string Label, int Count, bool Exact);

    sealed record Table(string Name, IReadOnlyList<Row> Rows);

    /// <summary>Fails with the sum that gives a count from 1 to k-1, if the published numbers give one.</summary>
    /// <param name="drafted">When the report was drafted: which promises were due then.</param>
    public static void AssertNoneSmall(TransparencyReport report, DateTimeOffset drafted)
    {
        if (SmallCount(report, drafted) is { } sum)
        {
            Assert.Fail($"A count from 1 to {report.K - 1} can be worked out: {sum}");
        }
    }

    static string? SmallCount(TransparencyReport report, DateTimeOffset drafted)
    {
        // The largest table last: it is solved from the others, not searched. The others from the largest: they cut the
        // search short sooner than the one-row tables, which count every report alike.
        var tables = Tables(report).Where(t => t.Rows.Count > 0).OrderByDescending(t => t.Rows.Count).ToArray();
        tables = [.. tables[1..], tables[0]];
        var kinds = KindsOf.GetOrAdd((report.K, report.From, report.To, report.AcknowledgeWithin, report.FollowUpWithin, drafted), _ => [.. Kinds(report, drafted)])
            .Select(labels => tables.Select(t => RowOf(t, labels.GetValueOrDefault(t.Name))).ToArray())
            .DistinctBy(rows => string.Join(',', rows))
            .ToArray();
        return new Search(tables, kinds, report.K).Run();
    }

    static IReadOnlyList<Table> Tables(TransparencyReport report) =>
    [
        new(Received, [new(Received, report.Total.Count, !report.Total.Suppressed)]),
        new(Described, report.Descriptions.Count == 0 ? [] : [new(Described, report.Descriptions.Count, true)]),
        Cells("By incident type", report.ByIncidentType),
        Cells("By outcome", report.ByOutcome),
        Cells("Acknowledgment", report.Acknowledgment),
        Cells("Follow-up", report.FollowUp),
    ];

    static Table Cells(string name, IReadOnlyList<PublishedCount> cells) =>
        new(name, [.. cells.Select(c => new Row(c.Label, c.Count, !c.Suppressed))]);

    /// <summary>The row a report is counted in: its own category's, or else the one its category was merged into.</summary>
    static int RowOf(Table table, string? label)
    {
        if (label is null)
        {
            return -1;
        }

        var rows = table.Rows.Select(r => r.Label).ToList();
        var row = rows.Contains(label) ? rows.IndexOf(label) : rows.IndexOf(SmallCells.Merged);
        return row >= 0 ? row : throw new InvalidOperationException($"{table.Name} has no row for '{label}'.");
    }

    /// <summary>
    /// For one report of each kind, the label it is counted under in each table, from k copies of it published alone
    /// (so nothing is merged): received long before the draft, days before or hours before; each promise kept, late,
    /// missed or not yet due; open, or resolved in every way.
    /// </summary>
    static IEnumerable<Dictionary<string, string>> Kinds(TransparencyReport report, DateTimeOffset drafted)
    {
        var options = new TransparencyOptions { K = report.K };
        (DateTimeOffset? At, string? Type, Finding? Finding, string? Summary)[] resolutions =
        [
            (null, null, null, null),
            .. from type in options.IncidentTypes.Append(null)
               from finding in new[] { Finding.Yes, Finding.No }
               from summary in new[] { "A summary.", null }
               select ((DateTimeOffset?)drafted, type, (Finding?)finding, summary),
        ];
        var kinds =
            from received in new[] { report.From.AddDays(100), DateOnly.FromDateTime(drafted.UtcDateTime).AddDays(-4), DateOnly.FromDateTime(drafted.UtcDateTime).AddDays(-1) }
            let at = new DateTimeOffset(received.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero)
            from acknowledged in new DateTimeOffset?[] { null, at.AddHours(5), at.AddHours(100) }
            from followedUp in new DateTimeOffset?[] { null, at.AddDays(2), at.AddDays(10) }
            from resolution in resolutions
            select new TransparencyRecord(at, acknowledged, followedUp, resolution.At, resolution.Type, resolution.Finding, resolution.Summary);
        foreach (var kind in kinds)
        {
            var alone = TransparencyReportGenerator.Generate(
                Enumerable.Repeat(kind, report.K), report.From, report.To, report.Community, "", options, report.AcknowledgeWithin, report.FollowUpWithin, drafted);
            yield return Tables(alone).SelectMany(t => t.Rows.Where(r => r.Count == report.K).Select(r => (t.Name, r.Label))).ToDictionary();
        }
    }

    /// <summary>
    /// Tries a coefficient of -1, 0 or 1 for every exact number, table by table, keeping only sums that can still count
    /// each kind of report 0 or 1 times; the last table's coefficients follow from the others'. Two kinds counted in the
    /// same rows of every table still to come will be counted the same from there on, so they may differ by 1 at most.
    /// </summary>
    sealed class Search(Table[] tables, int[][] kinds, int k)
    {
        readonly int[][] coefficients = [.. tables.Select(t => new int[t.Rows.Count])];
        readonly int[] times = new int[kinds.Length];
        readonly int[][][] kindsIn = [.. tables.Select((t, i) => t.Rows.Select((_, row) => Enumerable.Range(0, kinds.Length).Where(kind => kinds[kind][i] == row).ToArray()).ToArray())];

        readonly int[] outsideLast = [.. Enumerable.Range(0, kinds.Length).Where(kind => kinds[kind][^1] < 0)];

        // For each table, the kinds grouped by their rows in the tables after it.
        readonly int[][][] alike = [.. tables.Select((_, i) => kinds.Select((rows, kind) => (Key: string.Join(',', rows[(i + 1)..]), kind)).GroupBy(x => x.Key, x => x.kind).Select(g => g.ToArray()).ToArray())];

        bool CanStillCountOnce(int table)
        {
            var left = tables.Length - 1 - table;
            return alike[table].All(group =>
            {
                var (least, most) = (int.MaxValue, int.MinValue);
                foreach (var kind in group)
                {
                    (least, most) = (Math.Min(least, times[kind]), Math.Max(most, times[kind]));
                }

                return most - least <= 1 && least >= -left && most <= 1 + left;
            });
        }

        public string? Run() => Assign(0, 0, 0);

        static int[] Choices(Row row) => row.Exact ? [0, 1, -1] : [0];

        string? Assign(int table, int row, int sum)
        {
            if (table == tables.Length - 1)
            {
                return Solve(sum);
            }

            if (row == tables[table].Rows.Count)
            {
                return CanStillCountOnce(table) ? Assign(table + 1, 0, sum) : null;
            }

            foreach (var coefficient in Choices(tables[table].Rows[row]))
            {
                Count(table, row, coefficient);
                var found = Assign(table, row + 1, sum + (coefficient * tables[table].Rows[row].Count));
                Count(table, row, -coefficient);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        void Count(int table, int row, int coefficient)
        {
            coefficients[table][row] += coefficient;
            foreach (var kind in kindsIn[table][row])
            {
                times[kind] += coefficient;
            }
        }

        string? Solve(int sum)
        {
            var last = tables.Length - 1;
            if (outsideLast.Any(kind => times[kind] is not (0 or 1)))
            {
                return null;
            }

            var allowed = new int[tables[last].Rows.Count][];
            for (var row = 0; row < allowed.Length; row++)
            {
                var counted = kindsIn[last][row].Select(kind => times[kind]).ToArray();
                var (low, high) = counted.Length == 0 ? (-1, 1) : (-counted.Min(), 1 - counted.Max());
                allowed[row] = [.. Choices(tables[last].Rows[row]).Where(c => c >= low && c <= high)];
                if (allowed[row].Length == 0)
                {
                    return null;
                }
            }

            return Choose(allowed, 0, sum);
        }

        string? Choose(int[][] allowed, int row, int sum)
        {
            var last = tables.Length - 1;
            if (row == allowed.Length)
            {
                return sum >= 1 && sum < k ? Describe(sum) : null;
            }

            foreach (var coefficient in allowed[row])
            {
                coefficients[last][row] = coefficient;
                if (Choose(allowed, row + 1, sum + (coefficient * tables[last].Rows[row].Count)) is { } found)
                {
                    return found;
                }
            }

            coefficients[last][row] = 0;
            return null;
        }

        string Describe(int sum) =>
            string.Join(" ", tables.SelectMany((t, i) => t.Rows.Select((r, row) => (t, r, c: coefficients[i][row])))
                .Where(x => x.c != 0)
                .Select(x => $"{(x.c > 0 ? "+" : "-")} {(x.t.Name == x.r.Label ? "" : $"{x.t.Name}: ")}{x.r.Label} ({x.r.Count})"))
            + $" = {sum}";
    }
}
