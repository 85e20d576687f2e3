using System.Buffers.Binary;
using System.Text;
using CocReports.Procedure.Evidence;
using CocReports.Testing;

namespace CocReports.Procedure.Tests.Evidence;

public sealed class EvidenceMetadataTests
{
    static readonly string[] Traces = ["Exif", "GPS", Photos.Camera, Photos.Comment, Photos.XmpCreator, "xmpmeta", "8BIM", "Photoshop"];

    [Fact]
    public void A_geotagged_jpeg_is_viewed_without_exif_xmp_iptc_comment_or_trailer_and_with_the_same_picture()
    {
        var cleaned = EvidenceMetadata.Remove(Photos.GeotaggedJpeg(), "image/jpeg");

        Assert.NotNull(cleaned);
        AssertNoTrace(cleaned);
        var picture = Photos.JpegPicture();
        Assert.Equal(picture.AsSpan(2).ToArray(), cleaned.AsSpan(cleaned.Length - picture.Length + 2).ToArray()); // tables, scan and end as they were
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xE0], cleaned[..4]); // JFIF kept
        Assert.Equal([0xFF, 0xD9], cleaned[^2..]);
    }

    [Fact]
    public void A_geotagged_png_is_viewed_without_exif_or_text_chunks_and_with_the_same_pixels()
    {
        var cleaned = EvidenceMetadata.Remove(Photos.GeotaggedPng(), "image/png");

        Assert.NotNull(cleaned);
        AssertNoTrace(cleaned);
        Assert.Equal(Photos.PngPicture(), cleaned);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    public void A_picture_without_metadata_comes_back_byte_for_byte(string type)
    {
        var picture = type == "image/jpeg" ? Photos.JpegPicture() : Photos.PngPicture();

        Assert.Equal(picture, EvidenceMetadata.Remove(picture, type));
    }

    [Fact]
    public void A_webp_loses_its_exif_and_xmp_chunks_and_their_flags()
    {
        var image = Chunk("VP8L", [0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00]);
        var webp = Riff(
            Chunk("VP8X", [0x08 | 0x04 | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            image,
            Chunk("EXIF", Photos.Exif()),
            Chunk("XMP ", Encoding.UTF8.GetBytes($"<x:xmpmeta>{Photos.XmpCreator}</x:xmpmeta>")));

        var cleaned = EvidenceMetadata.Remove(webp, "image/webp");

        Assert.NotNull(cleaned);
        Assert.Equal(Riff(Chunk("VP8X", [0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), image), cleaned); // alpha flag kept
        AssertNoTrace(cleaned);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    [InlineData("image/webp")]
    public void A_file_whose_structure_cannot_be_read_is_not_passed_off_as_cleaned(string type)
    {
        var truncated = (type switch { "image/jpeg" => Photos.GeotaggedJpeg(), "image/png" => Photos.GeotaggedPng(), _ => Riff(Chunk("EXIF", Photos.Exif())) })[..40];

        Assert.Null(EvidenceMetadata.Remove(truncated, type));
    }

    static void AssertNoTrace(byte[] cleaned)
    {
        var latin1 = Encoding.Latin1.GetString(cleaned);
        Assert.All(Traces, trace => Assert.DoesNotContain(trace, latin1, StringComparison.Ordinal));
        Assert.Equal(-1, cleaned.AsSpan().IndexOf(Photos.Latitude));
    }

    static byte[] Chunk(string fourCc, byte[] data)
    {
        var chunk = new byte[8 + data.Length + (data.Length % 2)];
        Encoding.ASCII.GetBytes(fourCc, chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }

    static byte[] Riff(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        var riff = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)body.Length);
        body.CopyTo(riff, 8);
        return riff;
    }
}
