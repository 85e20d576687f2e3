namespace CocReports.Procedure.Intake;

/// <summary>The submitted fields as received, before validation: one or more values per field name.</summary>
public sealed class ReportForm
{
    readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    public void Add(string field, string value)
    {
        if (!values.TryGetValue(field, out var list))
        {
            values[field] = list = [];
        }

        list.Add(value);
    }

    /// <summary>The trimmed value, or null when absent or blank.</summary>
    public string? Value(string field) =>
        values.TryGetValue(field, out var list) && list.Count > 0 && !string.IsNullOrWhiteSpace(list[0])
            ? list[0].Trim()
            : null;

    public IReadOnlyList<string> All(string field) =>
        values.TryGetValue(field, out var list) ? list : [];
}
