namespace CocReports.Procedure.Passkeys;

/// <summary>A committee member's word that <paramref name="MemberId"/> lost every passkey and may add new ones.</summary>
/// <param name="MemberId">The member whose passkeys would be reset.</param>
/// <param name="VouchedBy">The member who vouched, never <paramref name="MemberId"/>.</param>
public sealed record PasskeyResetVouch(string MemberId, string VouchedBy, DateTimeOffset At);
