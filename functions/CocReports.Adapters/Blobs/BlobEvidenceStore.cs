using System.Buffers;
using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Blobs;

/// <summary>Evidence in a private Blob container, one blob per file, streamed in blocks.</summary>
public sealed class BlobEvidenceStore(BlobContainerClient container) : IEvidenceStore
{
    /// <summary>One block: what an upload holds in memory, however large the file.</summary>
    const int BlockBytes = 4 * 1024 * 1024;

    /// <summary>
    /// A file arrives as a stream of unknown length. Given one, the SDK stages it as blocks and commits a block list:
    /// two requests even for a screenshot. So the first block is read here: a file that ends within it (most do) is
    /// written in one request; a larger one is staged block by block, one buffer reused, and committed.
    /// </summary>
    public async Task SaveAsync(string blobName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(blobName);
        var headers = new BlobHttpHeaders { ContentType = contentType };
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            var blocks = new List<string>();
            int read;
            do
            {
                read = await content.ReadAtLeastAsync(buffer.AsMemory(0, BlockBytes), BlockBytes, throwOnEndOfStream: false, cancellationToken);
                if (blocks.Count == 0 && read < BlockBytes)
                {
                    using var whole = new MemoryStream(buffer, 0, read, writable: false);
                    await blob.UploadAsync(whole, new BlobUploadOptions { HttpHeaders = headers }, cancellationToken);
                    return;
                }

                if (read > 0)
                {
                    // Every block id of a blob has the same length: the block's number, 4 bytes, in base64.
                    var id = Convert.ToBase64String(BitConverter.GetBytes(blocks.Count));
                    using var block = new MemoryStream(buffer, 0, read, writable: false);
                    await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken);
                    blocks.Add(id);
                }
            }
            while (read == BlockBytes);

            await blob.CommitBlockListAsync(blocks, new CommitBlockListOptions { HttpHeaders = headers }, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

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
