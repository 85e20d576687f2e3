using System.Buffers.Binary;

namespace CocReports.Procedure.Evidence;

/// <summary>
/// A PNG without its eXIf, tEXt, iTXt and zTXt chunks, and nothing after IEND; every other chunk is copied with its
/// CRC as it was. https://www.w3.org/TR/png/#5Chunk-layout, https://www.w3.org/TR/png/#11iTXt
/// </summary>
static class PngMetadata
{
    static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    static readonly HashSet<string> Removed = ["eXIf", "tEXt", "iTXt", "zTXt"];

    public static byte[]? Remove(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            return null;
        }

        using var output = new MemoryStream(png.Length);
        output.Write(Signature);
        var at = Signature.Length;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (length > int.MaxValue || at + 12 + (long)length > png.Length)
            {
                return null;
            }

            var type = System.Text.Encoding.ASCII.GetString(png.Slice(at + 4, 4));
            var chunk = png.Slice(at, 12 + (int)length);
            at += chunk.Length;
            if (!Removed.Contains(type))
            {
                output.Write(chunk);
            }

            if (type == "IEND")
            {
                return output.ToArray();
            }
        }

        return null;
    }
}
