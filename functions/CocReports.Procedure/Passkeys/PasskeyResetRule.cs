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
    /// <c>Committee:Passkeys</c> = Required a voucher needs a passkey of their own, as they do to see a case. A member
    /// without passkeys has nothing to reset: a vouch would only void their links.
    /// </summary>
    public static PasskeyResetRefusal? Refusal(CommitteeOptions committee, string voucher, string memberId, bool voucherHasPasskey, bool memberHasPasskey) =>
        Unavailable(committee)
        ?? (voucher == memberId ? PasskeyResetRefusal.Themselves
            : committee.Find(memberId) is null || committee.Find(voucher) is null ? PasskeyResetRefusal.NotAMember
            : PasskeyRule.MustAdd(committee, voucherHasPasskey) ? PasskeyResetRefusal.NoPasskeyOfTheirOwn
            : !memberHasPasskey ? PasskeyResetRefusal.NothingToReset
            : null);

    /// <summary>Why no member of this committee can vouch for anyone, or null when they can.</summary>
    public static PasskeyResetRefusal? Unavailable(CommitteeOptions committee) =>
        committee.Passkeys == PasskeyUse.Off ? PasskeyResetRefusal.PasskeysOff
        : committee.Members.Count < VouchesNeeded + 1 ? PasskeyResetRefusal.TooFewMembers
        : null;

    /// <summary>
    /// The vouches that count toward <paramref name="memberId"/>'s reset now, one per member (their latest): each by a
    /// member still on the committee, never the member, within <see cref="Within"/>. <see cref="VouchesNeeded"/> reset.
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

    /// <summary>Fewer than three members: two others can't vouch, and an administrator resets in storage.</summary>
    TooFewMembers,

    /// <summary>With <c>Committee:Passkeys</c> = Required, a member without a passkey vouches for nobody.</summary>
    NoPasskeyOfTheirOwn,

    /// <summary>The member has no passkey: there is nothing to reset.</summary>
    NothingToReset,
}
