using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Blobs;

/// <summary>Evidence in a private Blob container, one blob per file, streamed in blocks.</summary>
public sealed class BlobEvidenceStore(BlobContainerClient container) : IEvidenceStore
{
    /// <summary>One block: the most an upload holds in memory, however large the file.</summary>
    const int BlockBytes = 4 * 1024 * 1024;

    /// <summary>
    /// A file arrives as a stream of unknown length. Given one, the SDK stages it as blocks and commits a block list:
    /// two requests even for a screenshot. So up to one block is read here first: a file that ends within it (most
    /// do) is written in one request; a larger one is staged block by block and committed.
    /// </summary>
    public async Task SaveAsync(string blobName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(blobName);
        var headers = new BlobHttpHeaders { ContentType = contentType };
        await using var block = new PooledBlock();
        var ended = await block.FillAsync(content, BlockBytes, cancellationToken);
        if (ended)
        {
            await blob.UploadAsync(block, new BlobUploadOptions { HttpHeaders = headers }, cancellationToken);
            return;
        }

        var blocks = new List<string>();
        while (true)
        {
            // Every block id of a blob has the same length: the block's number, 4 bytes, in base64.
            var id = Convert.ToBase64String(BitConverter.GetBytes(blocks.Count));
            await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken);
            blocks.Add(id);
            if (ended)
            {
                break;
            }

            ended = await block.FillAsync(content, BlockBytes, cancellationToken);
            if (block.Length == 0)
            {
                break; // the file was a whole number of blocks
            }
        }

        await blob.CommitBlockListAsync(blocks, new CommitBlockListOptions { HttpHeaders = headers }, cancellationToken);
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
