using System.Buffers.Binary;

namespace CocReports.Procedure.Evidence;

/// <summary>
/// A PNG with only the chunks that make its picture: header, palette, transparency, image data, an empty end, the
/// colour chunks a browser renders by (sRGB, gAMA, cHRM, cICP: a few numbers each, kept only at their size) and the
/// frames of an animation (acTL, fcTL, fdAT). Everything else is dropped, known or not: eXIf, text, tIME, iCCP (an ICC
/// profile names the device; the picture is then shown as sRGB), C2PA caBX, and whatever follows IEND. Kept chunks are
/// copied with their CRC as they were. https://www.w3.org/TR/png/ (5.3 Chunk layout, 11 Chunk specifications)
/// </summary>
static class PngMetadata
{
    static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static async Task<bool> RemoveAsync(PictureReader png, CancellationToken cancellationToken)
    {
        if (!await png.FillAsync(Signature.Length, cancellationToken) || !png.Buffered.StartsWith(Signature))
        {
            return false;
        }

        await png.CopyAsync(Signature.Length, cancellationToken);
        while (await png.FillAsync(8, cancellationToken))
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.Buffered);
            if (length > int.MaxValue)
            {
                return false;
            }

            var type = System.Text.Encoding.ASCII.GetString(png.Buffered[4..8]);
            var chunk = 12 + (long)length;
            if (!(IsPicture(type, length) ? await png.CopyAsync(chunk, cancellationToken) : await png.SkipAsync(chunk, cancellationToken)))
            {
                return false;
            }

            if (type == "IEND")
            {
                // Written as the specification spells it, so nothing rides in a chunk that should be empty.
                await png.WriteAsync([0, 0, 0, 0, .. "IEND"u8, 0xAE, 0x42, 0x60, 0x82], cancellationToken);
                return true;
            }
        }

        return false;
    }

    static bool IsPicture(string type, uint length) => type switch
    {
        "IHDR" or "PLTE" or "tRNS" or "IDAT" or "fdAT" => true,
        "sRGB" => length == 1,
        "gAMA" or "cICP" => length == 4,
        "cHRM" => length == 32,
        "acTL" => length == 8,
        "fcTL" => length == 26,
        _ => false,
    };
}
