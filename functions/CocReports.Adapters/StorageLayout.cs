using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters;

/// <summary>The tables and the container this product uses, named in one place.</summary>
public sealed class StorageLayout(TableServiceClient tables, BlobServiceClient blobs, IOptions<StorageOptions> options)
{
    public TableClient Reports { get; } = tables.GetTableClient(options.Value.TablePrefix + "Reports");

    public TableClient Timeline { get; } = tables.GetTableClient(options.Value.TablePrefix + "Timeline");

    /// <summary>Every view and download of a case, and every refusal.</summary>
    public TableClient Audit { get; } = tables.GetTableClient(options.Value.TablePrefix + "Audit");

    public BlobContainerClient Evidence { get; } = blobs.GetBlobContainerClient(options.Value.EvidenceContainer);
}
