namespace CocReports.Procedure.Paging;

/// <summary>Sends one page to one member's pager; mail stays the channel of record, so a page is best effort.</summary>
public interface IPager
{
    /// <returns>Whether the pager took it (a 2xx answer).</returns>
    Task<bool> PageAsync(Uri pager, PagerFormat format, string title, string text, CancellationToken cancellationToken);
}
