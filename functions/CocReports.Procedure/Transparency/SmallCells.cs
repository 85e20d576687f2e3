namespace CocReports.Procedure.Transparency;

/// <summary>
/// Merges the cells of one table until none holds from 1 to k-1 reports. If one does, every cell below k, the empty
/// ones too, goes into one row under a label that names none of them, so the table doesn't say which categories had
/// reports; while that row is itself below k, the smallest other cell joins it. Cells always add up to the total, so no
/// small count can be worked out by subtraction either; only when the whole total is below k does the one row stay
/// small, and it is published as "fewer than k".
/// </summary>
public static class SmallCells
{
    public const string Merged = "Other categories (merged)";

    /// <param name="shared">A cell another table counts too ("Not yet resolved"): it joins the merged row only when no
    /// other cell can, which is when it joins there too, so that neither table tells what the other merged.</param>
    public static IReadOnlyList<PublishedCount> Merge(IEnumerable<(string Label, int Count)> cells, int k, string? shared = null)
    {
        var all = cells.ToList();
        if (!all.Any(c => c.Count > 0 && c.Count < k))
        {
            return [.. all.Select(c => new PublishedCount(c.Label, c.Count, k))];
        }

        var shown = all.Where(c => c.Count >= k).ToList();
        var merged = all.Sum(c => c.Count) - shown.Sum(c => c.Count);
        if (merged < k && shown.Count > 0)
        {
            var joining = shown.Where(c => c.Label != shared).DefaultIfEmpty(shown[0]).MinBy(c => c.Count);
            shown.Remove(joining);
            merged += joining.Count;
        }

        return [.. shown.Select(c => new PublishedCount(c.Label, c.Count, k)), new PublishedCount(Merged, merged, k)];
    }
}
