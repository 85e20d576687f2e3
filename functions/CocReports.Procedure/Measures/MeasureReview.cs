namespace CocReports.Procedure.Measures;

/// <summary>What the committee decided of an interim measure one member took.</summary>
public enum MeasureReview
{
    /// <summary>It stands until its end.</summary>
    Confirmed,

    /// <summary>It is lifted now.</summary>
    Lifted,
}
