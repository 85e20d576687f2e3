namespace CocReports.Procedure.Intake;

/// <summary>Limits on what one report may carry. Bound from the "Intake" configuration section.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    public int MaxFiles { get; set; } = 10;

    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    public long MaxReportBytes { get; set; } = 100L * 1024 * 1024;

    public int MaxTextLength { get; set; } = 20_000;
}
