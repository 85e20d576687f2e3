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

    /// <summary>Request counts per client address, shared by every instance (see <see cref="Tables.TableRateLimitStore"/>).</summary>
    public TableClient RateLimits { get; } = tables.GetTableClient(options.Value.TablePrefix + "RateLimits");

    /// <summary>Members whose links and case sessions issued before a time are refused.</summary>
    public TableClient Revocations { get; } = tables.GetTableClient(options.Value.TablePrefix + "Revocations");

    /// <summary>Which reports name which identifier, by keyed hash only (see <see cref="Tables.TablePatternIndex"/>).</summary>
    public TableClient Patterns { get; } = tables.GetTableClient(options.Value.TablePrefix + "Patterns");

    /// <summary>How often each inbound message failed to import (see <see cref="Tables.TableImportFailures"/>).</summary>
    public TableClient ImportFailures { get; } = tables.GetTableClient(options.Value.TablePrefix + "ImportFailures");

    /// <summary>Case events not yet told to their workflow (see <see cref="Tables.TableUntoldCaseEvents"/>).</summary>
    public TableClient UntoldCaseEvents { get; } = tables.GetTableClient(options.Value.TablePrefix + "UntoldCaseEvents");

    /// <summary>Which messages of the conduct mailbox were imported (see <see cref="Tables.TableImportedMessages"/>).</summary>
    public TableClient ImportedMail { get; } = tables.GetTableClient(options.Value.TablePrefix + "ImportedMail");

    /// <summary>Committee members' passkeys (see <see cref="Tables.TablePasskeys"/>).</summary>
    public TableClient Passkeys { get; } = tables.GetTableClient(options.Value.TablePrefix + "Passkeys");

    /// <summary>Vouches for resetting a member's passkeys (see <see cref="Tables.TablePasskeyResetVouches"/>).</summary>
    public TableClient PasskeyResetVouches { get; } = tables.GetTableClient(options.Value.TablePrefix + "PasskeyResetVouches");

    public BlobContainerClient Evidence { get; } = blobs.GetBlobContainerClient(options.Value.EvidenceContainer);
}
