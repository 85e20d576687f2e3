namespace CocReports.Procedure.Transparency;

/// <summary>
/// Merges the cells of one breakdown until none holds from 1 to k-1 reports: the smallest non-empty cell joins the
/// next smallest. Cells always add up to the total, so no small count can be worked out by subtraction either;
/// only when the whole total is below k does one cell stay small, and it is published as "fewer than k".
/// </summary>
public static class SmallCells
{
    public static IReadOnlyList<PublishedCount> Merge(IEnumerable<(string Label, int Count)> cells, int k)
    {
        var merged = cells.Select(c => (Labels: new List<string> { c.Label }, c.Count)).ToList();
        while (true)
        {
            var nonEmpty = merged.Where(c => c.Count > 0).OrderBy(c => c.Count).ThenBy(c => c.Labels[0], StringComparer.Ordinal).ToList();
            if (nonEmpty.Count < 2 || nonEmpty[0].Count >= k)
            {
                break;
            }

            var (smallest, next) = (nonEmpty[0], nonEmpty[1]);
            var at = merged.IndexOf(next);
            merged[at] = ([.. next.Labels, .. smallest.Labels], next.Count + smallest.Count);
            merged.Remove(smallest);
        }

        return [.. merged.Select(c => new PublishedCount(Label(c.Labels), c.Count, k))];
    }

    // Semicolons: category names have commas and "or" of their own.
    static string Label(List<string> labels) =>
        labels.Count == 1 ? labels[0] : string.Join("; ", labels) + " (merged)";
}
