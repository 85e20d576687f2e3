using System.ComponentModel.DataAnnotations;

namespace CocReports.Procedure;

/// <summary>
/// A setting that must be more than zero: a zero or negative period, size or count would stop a timer, a loop or
/// intake instead of configuring it. Checked when the host starts (ValidateDataAnnotations, ValidateOnStart).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveAttribute() : ValidationAttribute("{0} must be more than zero.")
{
    public override bool IsValid(object? value) => value switch
    {
        TimeSpan span => span > TimeSpan.Zero,
        int number => number > 0,
        long number => number > 0,
        IEnumerable<TimeSpan> spans => spans.All(span => span > TimeSpan.Zero),
        _ => value is null,
    };
}
