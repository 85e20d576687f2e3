using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Intake;

/// <summary>Either the validated details or the errors by field name (never both).</summary>
public sealed record ValidationResult(ReportDetails? Details, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Details is not null;
}
