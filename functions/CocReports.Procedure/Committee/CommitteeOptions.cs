using System.ComponentModel.DataAnnotations;
using CocReports.Procedure.Passkeys;

namespace CocReports.Procedure.Committee;

/// <summary>Who receives reports. Bound from the "Committee" configuration section.</summary>
public sealed class CommitteeOptions
{
    public const string Section = "Committee";

    public List<CommitteeMember> Members { get; set; } = [];

    /// <summary>People told when a promise is overdue or when no member may see a report (the chair, an alternate, a board address).</summary>
    public List<EscalationContact> EscalationContacts { get; set; } = [];

    /// <summary>
    /// Whoever reads a member's mailbox holds their links; a passkey on the member's own device makes the mailbox one
    /// factor of two. Offered by default so a community can adopt it member by member; Required once all have one.
    /// </summary>
    public PasskeyUse Passkeys { get; set; } = PasskeyUse.Offered;

    /// <summary>
    /// How old a passkey confirmation may be for what matters most within a session (the reporter's identity, evidence
    /// originals, the audit trail's export, resolving, Identify edits): a session left open on a shared screen is not enough.
    /// </summary>
    public TimeSpan PasskeyStepUpWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The fewest members without a conflict (not excluded by the reporter, not recused) who handle a report alone.
    /// Below it, the report is handed to the escalation contacts, who from then on receive it and its notices beside
    /// the members left. 1 keeps a report with the committee while anyone remains, as before the guard existed; CNCF's
    /// procedure hands a case over when fewer than three remain without a hard conflict, so 3 follows it. A committee
    /// smaller than the quorum needs all its members.
    /// </summary>
    [Range(1, 100)]
    public int Quorum { get; set; } = 1;

    /// <summary>
    /// Whether a member declares their conflicts (none, soft, hard) the first time they open a report, before anything
    /// of it is shown. On by default; a small committee that knows its conflicts may keep recusal alone.
    /// </summary>
    public bool DeclareConflicts { get; set; } = true;

    /// <summary>
    /// The language of the committee's pages and mail ("en", "de"), unless a member sets their own: a committee works
    /// in one language more often than not, whatever languages its reporters write in.
    /// </summary>
    public string Language { get; set; } = Rendering.Texts.Default;

    /// <summary>The words a member reads the committee's pages and mail in; the committee's language for anyone else (a former member, a refused link).</summary>
    public Rendering.Texts TextsFor(string? memberId) =>
        Rendering.Texts.For(memberId is not null && Find(memberId)?.Language is { Length: > 0 } own ? own : Language);

    public CommitteeMember? Find(string memberId) => Members.Find(m => m.Id == memberId);

    /// <summary>The member's name, or their id once they are no longer on the committee (a former member in the trail).</summary>
    public string NameOf(string memberId) => Find(memberId)?.Name ?? memberId;
}
