namespace CocReports.Procedure.Committee;

/// <summary>Who receives reports. Bound from the "Committee" configuration section.</summary>
public sealed class CommitteeOptions
{
    public const string Section = "Committee";

    public List<CommitteeMember> Members { get; set; } = [];

    /// <summary>People told when a promise is overdue or when no member may see a report (the chair, an alternate, a board address).</summary>
    public List<EscalationContact> EscalationContacts { get; set; } = [];

    public CommitteeMember? Find(string memberId) => Members.Find(m => m.Id == memberId);

    /// <summary>The member's name, or their id once they are no longer on the committee (a former member in the trail).</summary>
    public string NameOf(string memberId) => Find(memberId)?.Name ?? memberId;
}
