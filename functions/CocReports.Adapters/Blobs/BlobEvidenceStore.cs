using System.Runtime.CompilerServices;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Blobs;

/// <summary>Evidence in a private Blob container, one blob per file, streamed in small blocks.</summary>
public sealed class BlobEvidenceStore(BlobContainerClient container) : IEvidenceStore
{
    // Small blocks and little parallelism: an upload holds a few MB in memory however large the file.
    static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 2,
    };

    public Task SaveAsync(string blobName, string contentType, Stream content, CancellationToken cancellationToken) =>
        container.GetBlobClient(blobName).UploadAsync(
            content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType }, TransferOptions = Transfer },
            cancellationToken);

    public async Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(blobName);
        try
        {
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    public async IAsyncEnumerable<StoredEvidence> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            yield return new StoredEvidence(blob.Name, blob.Properties.LastModified ?? DateTimeOffset.MinValue);
        }
    }
}
