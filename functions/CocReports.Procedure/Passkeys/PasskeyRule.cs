using CocReports.Procedure.Committee;

namespace CocReports.Procedure.Passkeys;

/// <summary>When a member's passkey is asked for, in one place.</summary>
public static class PasskeyRule
{
    /// <summary>Whether following a link needs the member's passkey: once they have one, unless passkeys are off.</summary>
    public static bool SignInNeeded(CommitteeOptions committee, bool hasPasskey) =>
        committee.Passkeys != PasskeyUse.Off && hasPasskey;

    /// <summary>Whether the member must add a passkey before seeing anything of a case.</summary>
    public static bool MustAdd(CommitteeOptions committee, bool hasPasskey) =>
        committee.Passkeys == PasskeyUse.Required && !hasPasskey;

    /// <summary>Whether the member is offered a passkey on the case page.</summary>
    public static bool Offered(CommitteeOptions committee, bool hasPasskey) =>
        committee.Passkeys != PasskeyUse.Off && !hasPasskey;

    /// <summary>
    /// Whether what matters most (the reporter's identity, originals, the trail's export, resolving, Identify edits)
    /// needs a fresh confirmation: for a member with a passkey whose last one, in this session, is older than the window.
    /// </summary>
    public static bool StepUpNeeded(CommitteeOptions committee, bool hasPasskey, DateTimeOffset? confirmedAt, DateTimeOffset now) =>
        SignInNeeded(committee, hasPasskey) && (confirmedAt is not { } at || now - at > committee.PasskeyStepUpWithin);
}
