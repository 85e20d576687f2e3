using System.Security.Cryptography;
using System.Text;
using CocReports.Procedure.Committee;

namespace CocReports.Procedure.Passkeys;

/// <summary>
/// Recovery without a back door: a member who lost every passkey gets new ones only once two other members vouch for
/// them within a day. One member (or one stolen mailbox and device) can't strip another's passkeys, and nobody resets
/// their own: a thief holding a member's mailbox would otherwise reset the passkey that keeps them out.
/// </summary>
public static class PasskeyResetRule
{
    /// <summary>How many other members must vouch.</summary>
    public const int VouchesNeeded = 2;

    /// <summary>How close together the vouches must be: an old vouch forgotten in storage does not count toward a reset months later.</summary>
    public static readonly TimeSpan Within = TimeSpan.FromHours(24);

    /// <summary>
    /// Why <paramref name="voucher"/> may not vouch for <paramref name="memberId"/>, or null when they may. With
    /// <c>Committee:Passkeys</c> = Required a member vouching needs a passkey of their own, as they do to see a case
    /// (an escalation contact, who has none, vouches only in a <see cref="Small"/> committee). A member
    /// without passkeys has nothing to reset: a vouch would only void their links.
    /// </summary>
    public static PasskeyResetRefusal? Refusal(CommitteeOptions committee, string voucher, string memberId, bool voucherHasPasskey, bool memberHasPasskey) =>
        Unavailable(committee)
        ?? (voucher == memberId ? PasskeyResetRefusal.Themselves
            : committee.Find(memberId) is null ? PasskeyResetRefusal.NotAMember
            : committee.Find(voucher) is null && (!Small(committee) || ContactOf(committee, voucher) is null) ? PasskeyResetRefusal.NotAMember
            : committee.Find(voucher) is not null && PasskeyRule.MustAdd(committee, voucherHasPasskey) ? PasskeyResetRefusal.NoPasskeyOfTheirOwn
            : !memberHasPasskey ? PasskeyResetRefusal.NothingToReset
            : null);

    /// <summary>Why no member of this committee can vouch for anyone, or null when they can.</summary>
    public static PasskeyResetRefusal? Unavailable(CommitteeOptions committee) =>
        committee.Passkeys == PasskeyUse.Off ? PasskeyResetRefusal.PasskeysOff
        : committee.Members.Count < 2 || (Small(committee) && committee.EscalationContacts.Count == 0) ? PasskeyResetRefusal.TooFewMembers
        : null;

    /// <summary>
    /// A committee of two: the other member vouches, and an escalation contact (asked by a link in mail, since they
    /// have no case page nor passkey) stands in for the third member as the second voucher. Never two contacts alone.
    /// </summary>
    public static bool Small(CommitteeOptions committee) => committee.Members.Count < VouchesNeeded + 1;

    /// <summary>How an escalation contact is named as a voucher: by a hash of their address, which no link or trail should carry.</summary>
    public static string VoucherIdOf(EscalationContact contact) =>
        EscalationPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contact.Email.Trim().ToLowerInvariant())))[..12];

    /// <summary>The escalation contact a voucher id names, if any.</summary>
    public static EscalationContact? ContactOf(CommitteeOptions committee, string voucher) =>
        voucher.StartsWith(EscalationPrefix, StringComparison.Ordinal) ? committee.EscalationContacts.Find(c => VoucherIdOf(c) == voucher) : null;

    /// <summary>Whether <paramref name="counted"/> (<see cref="Counted"/>) reset the member: enough of them, one at least by a member.</summary>
    public static bool Resets(CommitteeOptions committee, IReadOnlyList<PasskeyResetVouch> counted) =>
        counted.Count >= VouchesNeeded && counted.Any(v => committee.Find(v.VouchedBy) is not null);

    const string EscalationPrefix = "escalation:";

    /// <summary>
    /// The vouches that count toward <paramref name="memberId"/>'s reset now, one per member (their latest): each by a
    /// member still on the committee (or an escalation contact of a <see cref="Small"/> one), never the member, within
    /// <see cref="Within"/>. <see cref="Resets"/> says whether they reset.
    /// </summary>
    public static IReadOnlyList<PasskeyResetVouch> Counted(CommitteeOptions committee, string memberId, IEnumerable<PasskeyResetVouch> vouches, DateTimeOffset now) =>
        [.. vouches
            // A kept vouch was checked for passkeys when given; whether both are still members counts now.
            .Where(v => v.MemberId == memberId && Refusal(committee, v.VouchedBy, memberId, voucherHasPasskey: true, memberHasPasskey: true) is null && v.At <= now && now - v.At <= Within)
            .GroupBy(v => v.VouchedBy, StringComparer.Ordinal)
            .Select(g => g.MaxBy(v => v.At)!)];
}

/// <summary>Why a vouch for a reset was refused.</summary>
public enum PasskeyResetRefusal
{
    /// <summary>With <c>Committee:Passkeys</c> = Off there is no passkey to reset.</summary>
    PasskeysOff,

    /// <summary>Nobody vouches for their own reset.</summary>
    Themselves,

    /// <summary>The voucher or the member is not (or no longer) on the committee.</summary>
    NotAMember,

    /// <summary>One member, or two without an escalation contact: nobody else can vouch, and an administrator resets in storage.</summary>
    TooFewMembers,

    /// <summary>With <c>Committee:Passkeys</c> = Required, a member without a passkey vouches for nobody.</summary>
    NoPasskeyOfTheirOwn,

    /// <summary>The member has no passkey: there is nothing to reset.</summary>
    NothingToReset,
}
