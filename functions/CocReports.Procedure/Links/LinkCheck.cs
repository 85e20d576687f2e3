namespace CocReports.Procedure.Links;

/// <summary>
/// The outcome of checking a link's token. <see cref="MemberId"/>, <see cref="LinkId"/> and <see cref="IssuedAt"/>
/// are set only when <see cref="Status"/> is Valid.
/// </summary>
public sealed record LinkCheck(LinkStatus Status, string? MemberId, string? LinkId, DateTimeOffset IssuedAt = default)
{
    public static readonly LinkCheck Tampered = new(LinkStatus.Tampered, null, null);
    public static readonly LinkCheck Expired = new(LinkStatus.Expired, null, null);
}

public enum LinkStatus
{
    Valid,
    Tampered,
    Expired,
}
