namespace CocReports.Procedure.Evidence;

/// <summary>
/// A JPEG with only the segments a decoder needs: frame, quantisation, Huffman and arithmetic tables, restart interval,
/// line count, scans with their entropy-coded data, and the end. Of the application segments only JFIF (without its
/// thumbnail, which can show the picture before it was cropped) and Adobe (its colour transform only) are kept: decoders
/// read the colour space from them. Everything else is dropped, known or not: EXIF, XMP, ICC profiles (they name the
/// device; the picture is then shown as sRGB), multi-picture indexes, C2PA credentials, IPTC, comments, and whatever
/// follows the end marker. https://www.w3.org/Graphics/JPEG/itu-t81.pdf (B.1.1, Table B.1), JFIF 1.02, Adobe TN 5116
/// </summary>
static class JpegMetadata
{
    const byte StartOfImage = 0xD8, EndOfImage = 0xD9, StartOfScan = 0xDA, Jfif = 0xE0, Adobe = 0xEE;

    public static async Task<bool> RemoveAsync(PictureReader jpeg, CancellationToken cancellationToken)
    {
        if (!await jpeg.FillAsync(2, cancellationToken) || jpeg.Buffered is not [0xFF, StartOfImage, ..])
        {
            return false;
        }

        await jpeg.CopyAsync(2, cancellationToken);
        while (true)
        {
            // Any number of 0xFF fill bytes may precede a marker.
            if (!await jpeg.FillAsync(1, cancellationToken) || jpeg.Buffered[0] != 0xFF)
            {
                return false;
            }

            byte marker;
            do
            {
                await jpeg.SkipAsync(1, cancellationToken);
                if (!await jpeg.FillAsync(1, cancellationToken))
                {
                    return false;
                }

                marker = jpeg.Buffered[0];
            }
            while (marker == 0xFF);

            await jpeg.SkipAsync(1, cancellationToken);
            if (marker == EndOfImage)
            {
                await jpeg.WriteAsync([0xFF, EndOfImage], cancellationToken);
                return true;
            }

            if (marker is >= 0xD0 and <= 0xD7)
            {
                await jpeg.WriteAsync([0xFF, marker], cancellationToken); // restart markers have no length
                continue;
            }

            if (marker is 0x01)
            {
                continue; // TEM, for arithmetic coding's private use, has no length and no part in the picture
            }

            // 0xFF00 is a stuffed byte inside entropy-coded data, never a marker of its own.
            if (marker is 0x00 || !await jpeg.FillAsync(2, cancellationToken))
            {
                return false;
            }

            var length = (jpeg.Buffered[0] << 8) | jpeg.Buffered[1];
            if (length < 2)
            {
                return false;
            }

            var read = marker switch
            {
                Jfif => await KeepJfifAsync(jpeg, length, cancellationToken),
                Adobe => await KeepAdobeAsync(jpeg, length, cancellationToken),
                _ when IsForDecoding(marker) => await KeepAsync(jpeg, marker, length, cancellationToken),
                _ => await jpeg.SkipAsync(length, cancellationToken),
            };
            if (!read)
            {
                return false;
            }

            if (marker == StartOfScan && !await CopyEntropyCodedDataAsync(jpeg, cancellationToken))
            {
                return false;
            }
        }
    }

    static async Task<bool> KeepAsync(PictureReader jpeg, byte marker, int length, CancellationToken cancellationToken)
    {
        await jpeg.WriteAsync([0xFF, marker], cancellationToken);
        return await jpeg.CopyAsync(length, cancellationToken);
    }

    // Identifier, version, units and density; the thumbnail's size set to none.
    static async Task<bool> KeepJfifAsync(PictureReader jpeg, int length, CancellationToken cancellationToken)
    {
        if (length < 16 || !await jpeg.FillAsync(16, cancellationToken))
        {
            return await jpeg.SkipAsync(length, cancellationToken);
        }

        if (jpeg.Buffered[2..7].SequenceEqual("JFIF\0"u8))
        {
            await jpeg.WriteAsync([0xFF, Jfif, 0, 16, .. jpeg.Buffered[2..14], 0, 0], cancellationToken);
        }

        return await jpeg.SkipAsync(length, cancellationToken);
    }

    // Only the transform (none, YCbCr, YCCK) matters to a decoder; version and flags are written as the common ones.
    static async Task<bool> KeepAdobeAsync(PictureReader jpeg, int length, CancellationToken cancellationToken)
    {
        if (length < 14 || !await jpeg.FillAsync(14, cancellationToken))
        {
            return await jpeg.SkipAsync(length, cancellationToken);
        }

        if (jpeg.Buffered[2..7].SequenceEqual("Adobe"u8))
        {
            await jpeg.WriteAsync([0xFF, Adobe, 0, 14, .. "Adobe"u8, 0, 100, 0, 0, 0, 0, jpeg.Buffered[13]], cancellationToken);
        }

        return await jpeg.SkipAsync(length, cancellationToken);
    }

    // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00, a restart marker nor a fill byte.
    static async Task<bool> CopyEntropyCodedDataAsync(PictureReader jpeg, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await jpeg.FillAsync(2, cancellationToken))
            {
                return false;
            }

            var (data, atMarker) = EntropyCodedData(jpeg.Buffered);
            await jpeg.CopyAsync(data, cancellationToken);
            if (atMarker)
            {
                return true;
            }
        }
    }

    // How much of what is buffered is entropy-coded data; the last byte is always held back, as it may start a marker.
    static (int Length, bool AtMarker) EntropyCodedData(ReadOnlySpan<byte> buffered)
    {
        var at = 0;
        while (true)
        {
            var next = buffered[at..^1].IndexOf((byte)0xFF);
            if (next < 0)
            {
                return (buffered.Length - 1, false);
            }

            at += next;
            if (buffered[at + 1] is not (0x00 or >= 0xD0 and <= 0xD7 or 0xFF))
            {
                return (at, true);
            }

            at++;
        }
    }

    // C0–CF: the frames SOF0–SOF15 and, among them, DHT (C4) and DAC (CC), but not the reserved JPG (C8); DQT, DNL, DRI, SOS.
    static bool IsForDecoding(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC8 or 0xDB or 0xDC or 0xDD or StartOfScan;
}
