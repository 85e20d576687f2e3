namespace CocReports.Procedure.Storage;

/// <summary>Where evidence files live (a private Blob container in production). Never publicly readable.</summary>
public interface IEvidenceStore
{
    /// <summary>Streams <paramref name="content"/> into the named blob; the stream decides how much is read.</summary>
    Task SaveAsync(string blobName, string contentType, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a stored file for streaming to a member whose access was checked. Null when it is gone (purged).</summary>
    Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken);

    Task DeleteAsync(string blobName, CancellationToken cancellationToken);

    IAsyncEnumerable<StoredEvidence> ListAsync(CancellationToken cancellationToken);
}
