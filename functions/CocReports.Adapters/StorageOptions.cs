namespace CocReports.Adapters;

/// <summary>
/// Where reports and evidence are stored. Locally a connection string (Azurite); in Azure the service URIs and the
/// managed identity's client id, because the storage account refuses shared keys. Bound from the "Storage" section.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>The user-assigned managed identity to use; empty means the default Azure credential chain.</summary>
    public string? ClientId { get; set; }

    public string EvidenceContainer { get; set; } = "evidence";

    public string TablePrefix { get; set; } = "Coc";
}
