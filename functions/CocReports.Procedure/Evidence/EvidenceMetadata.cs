namespace CocReports.Procedure.Evidence;

/// <summary>
/// Photos carry EXIF and GPS data that can identify a reporter, their device or a place. Members view a copy without
/// it: only what the picture is made of is kept, by an allow-list per format, so metadata no one thought of is dropped
/// too; the picture's own bytes are copied as they are, never re-encoded. The original stays untouched in storage for
/// the chain of custody.
/// </summary>
public static class EvidenceMetadata
{
    /// <summary>The types a copy without metadata can be made of.</summary>
    public static bool CanRemove(string contentType) => contentType is "image/jpeg" or "image/png" or "image/webp";

    /// <summary>
    /// Writes <paramref name="picture"/> without its metadata to <paramref name="cleaned"/> (seekable) as it is read.
    /// False when its structure cannot be read: what was written then must not be shown, as a file that cannot be
    /// cleaned is never shown as if it had been.
    /// </summary>
    public static async Task<bool> RemoveAsync(Stream picture, string contentType, Stream cleaned, CancellationToken cancellationToken)
    {
        using var reader = new PictureReader(picture, cleaned);
        return contentType switch
        {
            "image/jpeg" => await JpegMetadata.RemoveAsync(reader, cancellationToken),
            "image/png" => await PngMetadata.RemoveAsync(reader, cancellationToken),
            "image/webp" => await WebpMetadata.RemoveAsync(reader, cancellationToken),
            _ => false,
        };
    }
}
