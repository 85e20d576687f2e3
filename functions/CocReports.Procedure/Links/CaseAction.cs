namespace CocReports.Procedure.Links;

/// <summary>What a committee member can do from a link in an email. The path of each link names the action.</summary>
public enum CaseAction
{
    Acknowledge,
    Recuse,
}
