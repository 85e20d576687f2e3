namespace CocReports.Procedure.Resolution;

/// <summary>How a resolution is appealed. Bound from the "Appeals" section; how long a party has is <see cref="Workflow.WorkflowOptions.AppealWindow"/>.</summary>
public sealed class AppealOptions
{
    public const string Section = "Appeals";

    /// <summary>
    /// The grounds an appeal names, one of which it must. The defaults are the five issue #26 takes from CNCF's
    /// practice; a community lists its own (the list replaces these).
    /// </summary>
    public List<string> Grounds { get; set; } = ["New information", "Procedure not followed", "Conflict of interest", "Disproportionate response", "Other"];

    /// <summary>
    /// The members who hear appeals. Empty: every member who may see the case and did not decide it. Either way the
    /// members who resolved it never do, and when too few remain the escalation contacts hear it (the quorum guard).
    /// </summary>
    public List<string> Panel { get; set; } = [];
}
