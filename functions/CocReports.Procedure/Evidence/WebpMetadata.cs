using System.Buffers.Binary;

namespace CocReports.Procedure.Evidence;

/// <summary>
/// A WebP with only the chunks that make its picture: VP8X (its flags for ICC, EXIF and XMP cleared), VP8, VP8L, ALPH,
/// ANIM, and ANMF frames holding only their ALPH, VP8 and VP8L. Everything else is dropped, known or not: ICCP (an ICC
/// profile names the device; the picture is then shown as sRGB), EXIF, XMP and whatever follows the RIFF. The sizes of
/// the RIFF and of each frame are written once what is left of them is known, so the cleaned copy must be seekable.
/// https://developers.google.com/speed/webp/docs/riff_container#extended_file_format
/// </summary>
static class WebpMetadata
{
    const byte AlphaFlag = 0x10, AnimationFlag = 0x02;
    const int FrameHeader = 16;

    public static async Task<bool> RemoveAsync(PictureReader webp, CancellationToken cancellationToken)
    {
        if (!await webp.FillAsync(12, cancellationToken) || !webp.Buffered[..4].SequenceEqual("RIFF"u8) || !webp.Buffered[8..12].SequenceEqual("WEBP"u8))
        {
            return false;
        }

        var riff = webp.Cleaned.Position;
        var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.Buffered[4..]);
        await webp.CopyAsync(12, cancellationToken);
        if (size < 4 || !await ChunksAsync(webp, size - 4, inFrame: false, cancellationToken))
        {
            return false;
        }

        await SizeAsync(webp.Cleaned, riff, cancellationToken);
        return true;
    }

    // The chunks of the RIFF or of a frame, which must fill exactly the bytes their container says it holds.
    static async Task<bool> ChunksAsync(PictureReader webp, long remaining, bool inFrame, CancellationToken cancellationToken)
    {
        while (remaining > 0)
        {
            if (remaining < 8 || !await webp.FillAsync(8, cancellationToken))
            {
                return false;
            }

            var fourCc = System.Text.Encoding.ASCII.GetString(webp.Buffered[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.Buffered[4..]);
            var padded = 8 + (long)size + (size % 2);
            if (padded > remaining)
            {
                return false;
            }

            remaining -= padded;
            var read = fourCc switch
            {
                "VP8 " or "VP8L" or "ALPH" => await webp.CopyAsync(padded, cancellationToken),
                "VP8X" or "ANIM" or "ANMF" when inFrame => await webp.SkipAsync(padded, cancellationToken),
                "VP8X" => await HeaderAsync(webp, size, cancellationToken),
                "ANIM" => await webp.CopyAsync(padded, cancellationToken),
                "ANMF" => await FrameAsync(webp, size, cancellationToken),
                _ => await webp.SkipAsync(padded, cancellationToken),
            };
            if (!read)
            {
                return false;
            }
        }

        return true;
    }

    // Flags for what is kept (alpha, animation), reserved bits as zero, and the canvas size.
    static async Task<bool> HeaderAsync(PictureReader webp, uint size, CancellationToken cancellationToken)
    {
        if (size < 10 || !await webp.FillAsync(18, cancellationToken))
        {
            return false;
        }

        var flags = (byte)(webp.Buffered[8] & (AlphaFlag | AnimationFlag));
        await webp.WriteAsync([.. "VP8X"u8, 10, 0, 0, 0, flags, 0, 0, 0, .. webp.Buffered[12..18]], cancellationToken);
        return await webp.SkipAsync(8 + size + (size % 2), cancellationToken);
    }

    static async Task<bool> FrameAsync(PictureReader webp, uint size, CancellationToken cancellationToken)
    {
        if (size < FrameHeader)
        {
            return false;
        }

        var frame = webp.Cleaned.Position;
        if (!await webp.CopyAsync(8 + FrameHeader, cancellationToken)
            || !await ChunksAsync(webp, size - FrameHeader, inFrame: true, cancellationToken)
            || !await webp.SkipAsync(size % 2, cancellationToken))
        {
            return false;
        }

        await SizeAsync(webp.Cleaned, frame, cancellationToken);
        return true;
    }

    // A chunk's size is what follows its header; the cleaned copy is left at its end.
    static async Task SizeAsync(Stream cleaned, long chunk, CancellationToken cancellationToken)
    {
        var end = cleaned.Position;
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)(end - chunk - 8));
        cleaned.Position = chunk + 4;
        await cleaned.WriteAsync(size, cancellationToken);
        cleaned.Position = end;
    }
}
