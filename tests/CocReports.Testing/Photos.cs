using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CocReports.Testing;

/// <summary>
/// Real, decodable pictures carrying what a phone puts in them: EXIF with the camera and a GPS position, XMP, comments.
/// Built byte by byte here, so the tests say exactly what each file holds.
/// </summary>
public static class Photos
{
    /// <summary>What the metadata names, none of which may reach a member's screen.</summary>
    public const string Camera = "RitasPhone 12";
    public const string Comment = "Taken outside 14 Elm Street";
    public const string XmpCreator = "Rita Reporter";
    public const string Location = "LOCATION-52.52N";                  // in C2PA content credentials (JUMBF, caBX)
    public const string IccDevice = "ICC-DEVICE RitasPhone";           // an ICC profile's device description
    public const string SecondPicture = "MPF-SECOND-PICTURE";          // a multi-picture index
    public const string Thumbnail = "UNCROPPED ORIGINAL PHOTO";        // a JFIF thumbnail's 8×1 RGB pixels, of the picture before cropping

    /// <summary>What marks each kind of metadata in the file's structure.</summary>
    public static readonly string[] Markers = ["ICC_PROFILE", "MPF", "jumb", "c2pa", "JFXX", "tIME", "caBX", "iCCP", "ICCP"];

    /// <summary>52°22'12.34"N as EXIF rationals: degrees, minutes, seconds ×100.</summary>
    public static readonly byte[] Latitude = Rationals(52, 1, 22, 1, 1234, 100);

    /// <summary>An 8×8 grey baseline JPEG: quantisation and Huffman tables, one scan of one block.</summary>
    public static byte[] JpegPicture()
    {
        var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);                 // DQT: table 0, all ones
        Segment(jpeg, 0xC0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);                            // SOF0: 8×8, one component
        Segment(jpeg, 0xC4, [0x00, 1, .. new byte[15], 0x00]);                          // DHT DC 0: one code "0" → category 0
        Segment(jpeg, 0xC4, [0x10, 1, .. new byte[15], 0x00]);                          // DHT AC 0: one code "0" → end of block
        Segment(jpeg, 0xDA, [1, 1, 0x00, 0, 63, 0]);                                   // SOS
        jpeg.Write([0x3F]);                                                             // DC "0", EOB "0", padded with ones
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>
    /// <see cref="JpegPicture"/> as a phone saves it: a JFIF thumbnail, EXIF (camera, GPS) and XMP in APP1, an ICC profile
    /// and a multi-picture index in APP2, C2PA credentials in APP11, IPTC in APP13, a comment, and a trailer after its end.
    /// </summary>
    public static byte[] GeotaggedJpeg()
    {
        var picture = JpegPicture();
        var jpeg = new MemoryStream();
        jpeg.Write(picture.AsSpan(0, 2));
        Segment(jpeg, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 8, 1, .. Encoding.ASCII.GetBytes(Thumbnail)]); // APP0 JFIF, kept without its thumbnail
        Segment(jpeg, 0xE0, [.. "JFXX\0"u8, 0x13, 8, 1, .. Encoding.ASCII.GetBytes(Thumbnail)]);
        Segment(jpeg, 0xE1, [.. "Exif\0\0"u8, .. Exif()]);
        Segment(jpeg, 0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Xmp()]);
        Segment(jpeg, 0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. IccProfile()]);
        Segment(jpeg, 0xE2, [.. "MPF\0"u8, .. "MM\0*"u8, .. Encoding.ASCII.GetBytes(SecondPicture)]);
        Segment(jpeg, 0xEB, [.. "JP"u8, 0, 1, 0, 0, 0, 1, .. ContentCredentials()]);
        Segment(jpeg, 0xED, [.. "Photoshop 3.0\0"u8, .. Encoding.ASCII.GetBytes("8BIM" + XmpCreator)]);
        Segment(jpeg, 0xFE, Encoding.ASCII.GetBytes(Comment));
        jpeg.Write(picture.AsSpan(2));
        jpeg.Write([0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08, .. "Exif"u8, 0, 0]);            // a second picture's start after EOI
        return jpeg.ToArray();
    }

    /// <summary>A 2×2 RGB PNG.</summary>
    public static byte[] PngPicture() => Png(withMetadata: false);

    /// <summary><see cref="PngPicture"/> with eXIf (camera, GPS), tEXt, zTXt, an XMP iTXt, tIME, iCCP and C2PA caBX chunk.</summary>
    public static byte[] GeotaggedPng() => Png(withMetadata: true);

    /// <summary>A structurally valid PNG of exactly <paramref name="size"/> bytes (≥ 57): a 1×1 header, and random bytes in an IDAT chunk.</summary>
    public static byte[] PngOfSize(int size)
    {
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        var filler = new byte[size - 57];
        Random.Shared.NextBytes(filler);
        Chunk(png, "IDAT", filler);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static byte[] Png(bool withMetadata)
    {
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
        if (withMetadata)
        {
            Chunk(png, "eXIf", Exif());
            Chunk(png, "tEXt", [.. "Comment\0"u8, .. Encoding.Latin1.GetBytes(Comment)]);
            Chunk(png, "iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. Xmp()]);
            Chunk(png, "iCCP", [.. "ICC profile\0\0"u8, .. Compressed(IccProfile())]);
            Chunk(png, "tIME", [0x07, 0xEA, 12, 6, 14, 30, 5]);
            Chunk(png, "caBX", ContentCredentials());
        }

        Chunk(png, "IDAT", Compressed([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 255, 255, 255, 255])); // two rows, filter 0: red green / blue white
        if (withMetadata)
        {
            Chunk(png, "zTXt", [.. "Model\0\0"u8, .. Compressed(Encoding.Latin1.GetBytes(Camera))]);
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A little-endian TIFF: IFD0 with Make and the GPS IFD pointer; the GPS IFD with latitude N and its rationals.</summary>
    public static byte[] Exif()
    {
        var make = Encoding.ASCII.GetBytes(Camera + "\0");
        const int ifd0 = 8, ifd0Size = 2 + (2 * 12) + 4, gps = ifd0 + ifd0Size, gpsSize = 2 + (2 * 12) + 4;
        const int makeAt = gps + gpsSize;
        var latitudeAt = makeAt + make.Length;
        var tiff = new byte[latitudeAt + Latitude.Length];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), ifd0);
        Ifd(tiff, ifd0, [(0x010F, 2, (uint)make.Length, makeAt), (0x8825, 4, 1, gps)]);
        Ifd(tiff, gps, [(0x0001, 2, 2, 'N'), (0x0002, 5, 3, (uint)latitudeAt)]);
        make.CopyTo(tiff, makeAt);
        Latitude.CopyTo(tiff, latitudeAt);
        return tiff;
    }

    /// <summary>The start of an ICC profile: a header and a 'desc' tag naming the device.</summary>
    public static byte[] IccProfile() => [.. new byte[128], .. "desc"u8, .. Encoding.ASCII.GetBytes(IccDevice)];

    /// <summary>A C2PA manifest's JUMBF box, whose assertions can say where the picture was taken.</summary>
    public static byte[] ContentCredentials() => [0, 0, 0, 40, .. "jumb"u8, .. "jumd"u8, .. "c2pa"u8, .. Encoding.ASCII.GetBytes(Location)];

    static byte[] Compressed(byte[] bytes)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return compressed.ToArray();
    }

    static byte[] Xmp() => Encoding.UTF8.GetBytes(
        $"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"52,22.2057N\"><dc:creator>{XmpCreator}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>");

    static void Ifd(byte[] tiff, int at, (ushort Tag, ushort Type, uint Count, uint Value)[] entries)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = tiff.AsSpan(at + 2 + (i * 12));
            BinaryPrimitives.WriteUInt16LittleEndian(entry, entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], entries[i].Count);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], entries[i].Value);
        }
    }

    static byte[] Rationals(params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    static void Segment(Stream jpeg, byte marker, byte[] data)
    {
        jpeg.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2)]);
        jpeg.Write(data);
    }

    static void Chunk(Stream png, string type, byte[] data) => png.Write(PngChunk(type, data));

    /// <summary>A PNG chunk: length, type, data and CRC.</summary>
    public static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk[4..^4]));
        return chunk;
    }

    // The PNG CRC (ISO 3309, reflected polynomial 0xEDB88320), https://www.w3.org/TR/png/#5CRC-algorithm
    static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
