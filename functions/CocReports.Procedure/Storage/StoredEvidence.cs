namespace CocReports.Procedure.Storage;

/// <summary>An evidence file as the store lists it, for finding files of submissions that never completed.</summary>
public sealed record StoredEvidence(string BlobName, DateTimeOffset LastModified)
{
    /// <summary>Evidence blobs are named "{reference}/{n}".</summary>
    public string Reference => BlobName.Split('/')[0];
}
