namespace CocReports.Procedure.Resolution;

/// <summary>
/// The responses a committee records when it resolves a report, bound from the "Responses" section. The defaults
/// follow the Contributor Covenant 2.1's enforcement guidelines (correction, warning, temporary ban, permanent ban),
/// with "No violation" and "No action" for the reports that lead to none.
/// </summary>
public sealed class ResponseOptions
{
    public const string Section = "Responses";

    public List<string> Ladder { get; set; } = ["No violation", "No action", "Correction", "Warning", "Temporary ban", "Permanent ban"];

    /// <summary>The responses that end on a date the committee names: the members are reminded before, and told when it ends.</summary>
    public List<string> Ending { get; set; } = ["Temporary ban"];

    /// <summary>The responses with no end that are reviewed after <see cref="ReviewAfter"/>, reminded the same way.</summary>
    public List<string> Reviewed { get; set; } = ["Permanent ban"];

    [Positive]
    public TimeSpan ReviewAfter { get; set; } = TimeSpan.FromDays(365);
}
