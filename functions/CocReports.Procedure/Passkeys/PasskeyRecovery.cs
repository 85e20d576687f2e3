using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Passkeys;

/// <summary>
/// A vouch for resetting a member's passkeys, and the reset once two other members vouched within a day
/// (<see cref="PasskeyResetRule"/>): the member's passkeys are removed, every link and session they were issued before
/// is revoked (a lost phone's open session, an old link in a taken mailbox: neither may add the next passkey), the
/// vouches are spent, and the member is mailed. In a committee of two, a member's vouch asks the escalation contacts by
/// mail to be the second (<see cref="PasskeyResetRule.Small"/>). Every vouch, refused or not, and the reset are kept in the audit
/// trail's <see cref="AuditChain"/>, beside the cases' own.
/// </summary>
public sealed class PasskeyRecovery(
    IPasskeyStore passkeys,
    IPasskeyResetVouches vouches,
    IMemberRevocations revocations,
    IAuditTrail audit,
    OnceOnlyMail mail,
    ActionLinks links,
    CommitteeOptions committee,
    CommunityOptions community,
    TimeProvider clock)
{
    /// <summary>The audit trail's chain for resets, and where the sent-mail ledger keeps their mail: no report's.</summary>
    public const string AuditChain = "passkey-resets";

    /// <summary>What the trail names a vouch by, followed by the member vouched for.</summary>
    public const string Vouched = "passkey.reset-vouch:";

    /// <summary>What the trail names a reset by, under the member reset.</summary>
    public const string Reset = "passkey.reset";

    /// <param name="voucher">The member vouching, who confirmed with their own passkey if they have one; or an escalation contact's voucher id, from their link.</param>
    public async Task<PasskeyResetOutcome> VouchAsync(string voucher, string memberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await RefusalAsync(voucher, memberId, cancellationToken) is { } refusal)
        {
            await audit.AppendAsync(AuditChain, new AuditEntry(now, voucher, Vouched + memberId, Allowed: false), CancellationToken.None);
            return new PasskeyResetOutcome(refusal, Removed: null, Mailed: false);
        }

        await vouches.AddAsync(new PasskeyResetVouch(memberId, voucher, now), cancellationToken);
        await audit.AppendAsync(AuditChain, new AuditEntry(now, voucher, Vouched + memberId, Allowed: true), CancellationToken.None);

        var counted = PasskeyResetRule.Counted(committee, memberId, await vouches.ForMemberAsync(memberId, cancellationToken), now);
        if (!PasskeyResetRule.Resets(committee, counted))
        {
            // In a committee of two the escalation contacts are the only other vouchers: a member's vouch asks them.
            var ask = PasskeyResetRule.Small(committee) && committee.Find(voucher) is not null;
            return new PasskeyResetOutcome(null, Removed: null, Mailed: ask && await AskContactsAsync(voucher, memberId, now, cancellationToken));
        }

        // Revoked first: from here on, nothing the member was issued before opens anything, even if the rest fails.
        await revocations.RevokeAsync(memberId, now, cancellationToken);
        var removed = await passkeys.RemoveAllAsync(memberId, cancellationToken);
        await vouches.ClearAsync(memberId, cancellationToken);
        await audit.AppendAsync(AuditChain, new AuditEntry(now, memberId, Reset, Allowed: true), CancellationToken.None);
        return new PasskeyResetOutcome(null, removed, await TellAsync(memberId, counted, now, cancellationToken));
    }

    /// <summary>Why <paramref name="voucher"/> may not vouch for <paramref name="memberId"/> now (<see cref="PasskeyResetRule.Refusal"/>), or null.</summary>
    public async Task<PasskeyResetRefusal?> RefusalAsync(string voucher, string memberId, CancellationToken cancellationToken) =>
        PasskeyResetRule.Refusal(
            committee,
            voucher,
            memberId,
            voucherHasPasskey: (await passkeys.ForMemberAsync(voucher, cancellationToken)).Count > 0,
            memberHasPasskey: committee.Find(memberId) is not null && (await passkeys.ForMemberAsync(memberId, cancellationToken)).Count > 0);

    /// <summary>Keeps in the trail a vouch that came without the voucher's passkey, or with one that did not verify: nothing else changes.</summary>
    public Task NotConfirmedAsync(string voucher, string memberId) =>
        audit.AppendAsync(AuditChain, new AuditEntry(clock.GetUtcNow(), voucher, Vouched + memberId, Allowed: false), CancellationToken.None);

    // Each contact gets a link of their own, naming them by the hash the trail keeps; true when every mail went.
    async Task<bool> AskContactsAsync(string voucher, string memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sent = true;
        foreach (var contact in committee.EscalationContacts)
        {
            var voucherId = PasskeyResetRule.VoucherIdOf(contact);
            sent &= await TrySendAsync(
                await PasskeyResetAskMail.ToContactAsync(
                    new Recipient(contact.Name, contact.Email),
                    voucherId,
                    memberId,
                    committee.NameOf(memberId),
                    committee.NameOf(voucher),
                    community.Name,
                    now,
                    links.CreatePasskeyResetVouch(memberId, voucherId),
                    committee.TextsFor(null)),
                cancellationToken);
        }

        return sent;
    }

    // The reset stands whether or not the mail goes: the page then asks the vouching member to tell them.
    async Task<bool> TellAsync(string memberId, IReadOnlyList<PasskeyResetVouch> counted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var member = committee.Find(memberId)!;
        return await TrySendAsync(
            await PasskeyResetMail.ToMemberAsync(
                new Recipient(member.Name, member.Email),
                memberId,
                [.. counted.OrderBy(v => v.At).Select(v => PasskeyResetRule.ContactOf(committee, v.VouchedBy)?.Name ?? committee.NameOf(v.VouchedBy))],
                community.Name,
                counted.Min(v => v.At),
                now,
                committee.TextsFor(memberId)),
            cancellationToken);
    }

    async Task<bool> TrySendAsync(OutgoingMail outgoing, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendAsync(AuditChain, outgoing, cancellationToken);
            return true;
        }
#pragma warning disable CA1031 // Any failure to send is told to the vouching member, who tells the recipient another way.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}

/// <summary>What became of a vouch.</summary>
/// <param name="Refused">Why the vouch was refused; null when it was kept.</param>
/// <param name="Removed">How many passkeys the reset removed; null when there was no reset (yet).</param>
/// <param name="Mailed">Whether the member reset was told by mail; before a reset in a committee of two, whether the escalation contacts were asked.</param>
public sealed record PasskeyResetOutcome(PasskeyResetRefusal? Refused, int? Removed, bool Mailed);
