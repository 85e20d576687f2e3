using System.Buffers.Binary;

namespace CocReports.Procedure.Evidence;

/// <summary>
/// A WebP without its EXIF and "XMP " chunks: the VP8X header's flags for them are cleared and the RIFF size set to
/// what is left; the picture's chunks are copied as they were.
/// https://developers.google.com/speed/webp/docs/riff_container#extended_file_format
/// </summary>
static class WebpMetadata
{
    const byte ExifFlag = 0x08, XmpFlag = 0x04;

    public static byte[]? Remove(ReadOnlySpan<byte> webp)
    {
        if (webp.Length < 12 || !webp[..4].SequenceEqual("RIFF"u8) || !webp.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return null;
        }

        var end = 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]);
        if (end > webp.Length)
        {
            return null;
        }

        using var output = new MemoryStream(webp.Length);
        output.Write(webp[..12]);
        var at = 12;
        while (at + 8 <= end)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(at + 4)..]);
            var padded = 8 + (long)size + (size % 2);
            if (at + padded > end)
            {
                return null;
            }

            var chunk = webp.Slice(at, (int)padded);
            at += chunk.Length;
            if (chunk[..4].SequenceEqual("EXIF"u8) || chunk[..4].SequenceEqual("XMP "u8))
            {
                continue;
            }

            var start = (int)output.Position;
            output.Write(chunk);
            if (chunk[..4].SequenceEqual("VP8X"u8) && size > 0)
            {
                output.GetBuffer()[start + 8] &= unchecked((byte)~(ExifFlag | XmpFlag));
            }
        }

        if (at != end)
        {
            return null;
        }

        var cleaned = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(cleaned.AsSpan(4), (uint)(cleaned.Length - 8));
        return cleaned;
    }
}
