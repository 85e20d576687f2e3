using CocReports.Procedure.Storage;

namespace CocReports.Api.Intake;

/// <summary>
/// Where a retry's evidence goes when its report is already stored: read to the end (so it is metered and hashed
/// like any upload, to compare with the first attempt) and kept nowhere, so a retry can never change a report.
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
