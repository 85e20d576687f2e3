namespace CocReports.Procedure.Evidence;

/// <summary>
/// Photos carry EXIF and GPS data that can identify a reporter, their device or a place. Members view a copy without
/// it: the metadata is cut out of the file's structure and the picture's own bytes are copied as they are, never
/// re-encoded. The original stays untouched in storage for the chain of custody.
/// </summary>
public static class EvidenceMetadata
{
    /// <summary>The types a copy without metadata can be made of.</summary>
    public static bool CanRemove(string contentType) => contentType is "image/jpeg" or "image/png" or "image/webp";

    /// <summary>
    /// <paramref name="content"/> without its metadata, or null when its structure cannot be read: a file that cannot be
    /// cleaned is never shown as if it had been.
    /// </summary>
    public static byte[]? Remove(ReadOnlySpan<byte> content, string contentType) => contentType switch
    {
        "image/jpeg" => JpegMetadata.Remove(content),
        "image/png" => PngMetadata.Remove(content),
        "image/webp" => WebpMetadata.Remove(content),
        _ => null,
    };
}
