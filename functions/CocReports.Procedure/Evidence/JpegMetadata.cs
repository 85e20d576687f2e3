namespace CocReports.Procedure.Evidence;

/// <summary>
/// A JPEG without its APP1 (EXIF, XMP), APP13 (Photoshop IPTC) and COM segments, and without anything after its end
/// marker (where phones append further pictures with EXIF of their own). Every other segment and the entropy-coded
/// picture are copied byte for byte. https://www.w3.org/Graphics/JPEG/itu-t81.pdf (B.1.1.2, B.1.1.5, Table B.1)
/// </summary>
static class JpegMetadata
{
    const byte App1 = 0xE1, App13 = 0xED, Comment = 0xFE, StartOfScan = 0xDA, EndOfImage = 0xD9;

    public static byte[]? Remove(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return null;
        }

        using var output = new MemoryStream(jpeg.Length);
        output.Write(jpeg[..2]);
        var at = 2;
        while (true)
        {
            // Any number of 0xFF fill bytes may precede a marker.
            if (at >= jpeg.Length || jpeg[at] != 0xFF)
            {
                return null;
            }

            while (at < jpeg.Length && jpeg[at] == 0xFF)
            {
                at++;
            }

            if (at >= jpeg.Length)
            {
                return null;
            }

            var marker = jpeg[at++];
            if (marker == EndOfImage)
            {
                output.Write([0xFF, EndOfImage]);
                return output.ToArray();
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                output.Write([0xFF, marker]); // markers without a length
                continue;
            }

            if (at + 2 > jpeg.Length)
            {
                return null;
            }

            var length = (jpeg[at] << 8) | jpeg[at + 1];
            if (length < 2 || at + length > jpeg.Length)
            {
                return null;
            }

            var segment = jpeg.Slice(at, length);
            at += length;
            if (marker is not (App1 or App13 or Comment))
            {
                output.Write([0xFF, marker]);
                output.Write(segment);
            }

            if (marker == StartOfScan)
            {
                // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
                var start = at;
                while (at + 1 < jpeg.Length && !(jpeg[at] == 0xFF && jpeg[at + 1] is not (0x00 or >= 0xD0 and <= 0xD7 or 0xFF)))
                {
                    at++;
                }

                if (at + 1 >= jpeg.Length)
                {
                    return null;
                }

                output.Write(jpeg[start..at]);
            }
        }
    }
}
