namespace CocReports.Procedure.Reports;

/// <summary>Where the incident happened; it decides which specifics the procedure asks for.</summary>
public enum IncidentSetting
{
    Unspecified,
    Physical,
    Online,
    Other,
}
