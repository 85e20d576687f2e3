namespace CocReports.Procedure.Measures;

/// <summary>
/// A protective step one member took at once when someone may be in danger (a temporary removal from a space or an
/// event), in effect until <see cref="Until"/> and awaiting the committee's review until <see cref="Review"/> is set.
/// What was done is the case message <see cref="Id"/>, case content that retention removes; this record keeps only who,
/// when and until when.
/// </summary>
public sealed record InterimMeasure(
    string Id,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset Until,
    MeasureReview? Review = null,
    string? ReviewedBy = null,
    DateTimeOffset? ReviewedAt = null)
{
    /// <summary>The last day it is in effect: it ends as that day (UTC) does.</summary>
    public DateOnly LastDay => LastDayOf(Until);

    /// <summary>The last day of a measure that ends at <paramref name="until"/> (the end of a day, as a form's date reads).</summary>
    public static DateOnly LastDayOf(DateTimeOffset until) => DateOnly.FromDateTime(until.UtcDateTime.AddTicks(-1));
}
