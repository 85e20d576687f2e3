using System.Globalization;

namespace CocReports.Procedure.Transparency;

/// <summary>One cell of the transparency report: a label and a count that is published only as 0 or at least k.</summary>
public sealed record PublishedCount(string Label, int Count, int K)
{
    public bool Suppressed => Count > 0 && Count < K;

    public string Shown => Suppressed ? $"fewer than {K}" : Count.ToString(CultureInfo.InvariantCulture);
}
