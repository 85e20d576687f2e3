using CocReports.Procedure.Storage;

namespace CocReports.Api.Intake;

/// <summary>
/// The evidence store of a reader that only takes a refused submission's text back to the plain form: it stops at the
/// first file, so nothing reaches this store, and whatever did would be read to the end and kept nowhere.
/// </summary>
sealed class UnkeptEvidence : IEvidenceStore
{
    public static readonly UnkeptEvidence Instance = new();

    public async Task SaveAsync(string blobName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await content.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    public Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) => Task.CompletedTask;

    public IAsyncEnumerable<StoredEvidence> ListAsync(CancellationToken cancellationToken) => AsyncEnumerable.Empty<StoredEvidence>();
}
