namespace CocReports.Procedure.Committee;

/// <summary>A committee member. Only <see cref="Id"/> and <see cref="Name"/> are ever shown to reporters.</summary>
public sealed class CommitteeMember
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>Optional: the language this member reads committee pages and mail in, when not the committee's own (<see cref="CommitteeOptions.Language"/>).</summary>
    public string? Language { get; set; }

    /// <summary>Optional OpenPGP public key (armored, or the binary key in base64): mail to this member is encrypted to it and carries the whole report.</summary>
    public string? OpenPgpPublicKey { get; set; }

    /// <summary>
    /// Optional: where this member is paged when someone may be in danger, beside their mail: an ntfy topic, or a Slack
    /// or Discord webhook of their own (<see cref="PagerFormat"/>). A secret: whoever holds it can page the member. Per
    /// member, never a shared channel, which would tell a member kept from a report that it exists.
    /// </summary>
    public string? Pager { get; set; }

    /// <summary>The pager as an absolute http(s) URL; null when none is set (blank, as a template leaves it).</summary>
    public Uri? PagerUrl => Uri.TryCreate(Pager, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;

    public Paging.PagerFormat PagerFormat { get; set; } = Paging.PagerFormat.Text;
}
