namespace CocReports.Procedure.Committee;

/// <summary>A committee member. Only <see cref="Id"/> and <see cref="Name"/> are ever shown to reporters.</summary>
public sealed class CommitteeMember
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>Optional OpenPGP public key (armored, or the binary key in base64): mail to this member is encrypted to it and carries the whole report.</summary>
    public string? OpenPgpPublicKey { get; set; }
}
