namespace CocReports.Procedure.Resolution;

/// <summary>Who may appeal a resolution: the two parties to it, never a member of the committee that decided it.</summary>
public enum AppealParty
{
    Reporter,
    ReportedPerson,
}
