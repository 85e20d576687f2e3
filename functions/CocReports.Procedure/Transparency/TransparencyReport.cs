namespace CocReports.Procedure.Transparency;

/// <summary>
/// The yearly public report: counts by incident type, by outcome and for each promise, medians, the committee's own
/// text on promoting the Code of Conduct, and one generalized description per report.
/// </summary>
/// <param name="UrgentAcknowledgeWithin">The shorter promise to acknowledge an urgent report, if the community makes one.</param>
/// <param name="Descriptions">One per report of the period, or none below k reports, since even their number is a count.</param>
public sealed record TransparencyReport(
    string Community,
    DateOnly From,
    DateOnly To,
    int K,
    PublishedCount Total,
    IReadOnlyList<PublishedCount> ByIncidentType,
    IReadOnlyList<PublishedCount> ByOutcome,
    TimeSpan AcknowledgeWithin,
    TimeSpan? UrgentAcknowledgeWithin,
    IReadOnlyList<PublishedCount> Acknowledgment,
    string AcknowledgmentMedian,
    TimeSpan FollowUpWithin,
    IReadOnlyList<PublishedCount> FollowUp,
    string FollowUpMedian,
    string Promotion,
    IReadOnlyList<string> Descriptions)
{
    /// <summary>The public statements the committee published in the period, oldest first: public already, so no count hides them.</summary>
    public IReadOnlyList<(DateOnly Published, string Text)> Statements { get; init; } = [];
}
