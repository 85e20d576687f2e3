namespace CocReports.Procedure.Storage;

/// <summary>Which single-use links of a report were spent: a link acts once.</summary>
public interface ILinkLedger
{
    /// <summary>Marks a single-use link as used. False when it already was: of two posts of one link, one acts.</summary>
    Task<bool> TryUseLinkAsync(string reference, string linkId, CancellationToken cancellationToken);

    Task<bool> IsLinkUsedAsync(string reference, string linkId, CancellationToken cancellationToken);
}
