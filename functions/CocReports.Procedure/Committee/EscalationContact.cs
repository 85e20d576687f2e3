namespace CocReports.Procedure.Committee;

/// <summary>Someone outside the day-to-day committee who must hear when the committee cannot or does not act.</summary>
public sealed class EscalationContact
{
    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>Optional OpenPGP public key (armored, or the binary key in base64): mail to this contact is encrypted to it and carries the whole report.</summary>
    public string? OpenPgpPublicKey { get; set; }
}
