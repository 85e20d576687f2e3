namespace CocReports.Procedure.Passkeys;

/// <summary>How a community uses members' passkeys (<c>Committee:Passkeys</c>).</summary>
public enum PasskeyUse
{
    /// <summary>Links alone open cases and act, as before passkeys existed.</summary>
    Off,

    /// <summary>Members are offered a passkey; once a member has one, their links open nothing without it.</summary>
    Offered,

    /// <summary>A member shown a case must first add a passkey, and from then on every link needs it.</summary>
    Required,
}
