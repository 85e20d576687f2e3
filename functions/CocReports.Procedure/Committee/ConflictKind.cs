namespace CocReports.Procedure.Committee;

/// <summary>
/// What a member declares about a report before they read it, after CNCF's hard and soft conflicts of interest.
/// </summary>
public enum ConflictKind
{
    /// <summary>No conflict: the member handles the report like any other.</summary>
    None,

    /// <summary>The member may read and discuss the report, but does not decide it (resolve it or record a response).</summary>
    Soft,

    /// <summary>The member recuses: from then on they see nothing more of the report and get no mail about it.</summary>
    Hard,
}
