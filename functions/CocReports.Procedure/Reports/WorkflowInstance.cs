namespace CocReports.Procedure.Reports;

/// <summary>One orchestration per report, named after it so that starting it twice is harmless.</summary>
public static class WorkflowInstance
{
    public static string For(string reference) => "report-" + reference;
}
