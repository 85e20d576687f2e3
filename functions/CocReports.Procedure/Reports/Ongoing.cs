namespace CocReports.Procedure.Reports;

/// <summary>Whether the incident is ongoing, as the reporter sees it.</summary>
public enum Ongoing
{
    Unsure,
    Yes,
    No,
}
