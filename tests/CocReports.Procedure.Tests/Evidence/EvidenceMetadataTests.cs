using System.Buffers.Binary;
using System.Text;
using CocReports.Procedure.Evidence;
using CocReports.Testing;

namespace CocReports.Procedure.Tests.Evidence;

public sealed class EvidenceMetadataTests
{
    static readonly string[] Traces =
    [
        "Exif", "GPS", Photos.Camera, Photos.Comment, Photos.XmpCreator, "xmpmeta", "8BIM", "Photoshop",
        Photos.Location, Photos.IccDevice, Photos.SecondPicture, Photos.Thumbnail, .. Photos.Markers,
    ];

    [Fact]
    public async Task A_geotagged_jpeg_is_viewed_with_only_what_decoding_needs_and_the_same_picture()
    {
        var cleaned = await CleanAsync(Photos.GeotaggedJpeg(), "image/jpeg");

        Assert.NotNull(cleaned);
        AssertNoTrace(cleaned);
        var picture = Photos.JpegPicture();
        byte[] jfif = [0xFF, 0xE0, 0, 16, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]; // kept, without its thumbnail
        Assert.Equal([.. picture[..2], .. jfif, .. picture[2..]], cleaned); // tables, scan and end as they were
    }

    [Fact]
    public async Task A_jpeg_keeps_the_colour_transform_of_its_adobe_segment_and_nothing_else_of_it()
    {
        var picture = Photos.JpegPicture();
        byte[] adobe = [0xFF, 0xEE, 0, 20, .. "Adobe"u8, 0, 101, 0x80, 0, 0, 1, 2, .. "RITA"u8, 0, 0];

        var cleaned = await CleanAsync([.. picture[..2], .. adobe, .. picture[2..]], "image/jpeg");

        Assert.NotNull(cleaned);
        byte[] kept = [0xFF, 0xEE, 0, 14, .. "Adobe"u8, 0, 100, 0, 0, 0, 0, 2];
        Assert.Equal([.. picture[..2], .. kept, .. picture[2..]], cleaned);
    }

    [Fact]
    public async Task A_geotagged_png_is_viewed_with_only_what_rendering_needs_and_the_same_pixels()
    {
        var cleaned = await CleanAsync(Photos.GeotaggedPng(), "image/png");

        Assert.NotNull(cleaned);
        AssertNoTrace(cleaned);
        Assert.Equal(Photos.PngPicture(), cleaned);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    public async Task A_picture_without_metadata_comes_back_byte_for_byte(string type)
    {
        var picture = type == "image/jpeg" ? Photos.JpegPicture() : Photos.PngPicture();

        Assert.Equal(picture, await CleanAsync(picture, type));
    }

    [Fact]
    public async Task A_png_keeps_its_colour_chunks_and_loses_any_chunk_it_does_not_need()
    {
        var png = Photos.PngPicture();
        var ihdrEnd = 8 + 12 + 13;
        byte[] colour = [.. Photos.PngChunk("sRGB", [0]), .. Photos.PngChunk("gAMA", [0, 0, 0xB1, 0x8F])];
        byte[] unknown = [.. Photos.PngChunk("pHYs", [0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]), .. Photos.PngChunk("prVt", Encoding.ASCII.GetBytes(Photos.Camera))];

        var cleaned = await CleanAsync([.. png[..ihdrEnd], .. colour, .. unknown, .. png[ihdrEnd..]], "image/png");

        Assert.NotNull(cleaned);
        Assert.Equal([.. png[..ihdrEnd], .. colour, .. png[ihdrEnd..]], cleaned);
    }

    [Fact]
    public async Task A_webp_loses_its_icc_exif_xmp_and_unknown_chunks_and_their_flags()
    {
        var image = Chunk("VP8L", [0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00]);
        var webp = Riff(
            Chunk("VP8X", [0x20 | 0x08 | 0x04 | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            Chunk("ICCP", Photos.IccProfile()),
            image,
            Chunk("EXIF", Photos.Exif()),
            Chunk("XMP ", Encoding.UTF8.GetBytes($"<x:xmpmeta>{Photos.XmpCreator}</x:xmpmeta>")),
            Chunk("C2PA", Photos.ContentCredentials()));

        var cleaned = await CleanAsync(webp, "image/webp");

        Assert.NotNull(cleaned);
        Assert.Equal(Riff(Chunk("VP8X", [0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), image), cleaned); // alpha flag kept
        AssertNoTrace(cleaned);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    [InlineData("image/webp")]
    public async Task A_file_whose_structure_cannot_be_read_is_not_passed_off_as_cleaned(string type)
    {
        var truncated = (type switch { "image/jpeg" => Photos.GeotaggedJpeg(), "image/png" => Photos.GeotaggedPng(), _ => Riff(Chunk("EXIF", Photos.Exif())) })[..40];

        Assert.Null(await CleanAsync(truncated, type));
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    [InlineData("image/webp")]
    public async Task A_picture_that_arrives_a_byte_at_a_time_is_cleaned_the_same(string type)
    {
        var picture = type switch
        {
            "image/jpeg" => Photos.GeotaggedJpeg(),
            "image/png" => Photos.GeotaggedPng(),
            _ => Riff(Chunk("VP8X", [0x20 | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), Chunk("ICCP", Photos.IccProfile()), Chunk("VP8L", [0x2F, 0, 0, 0, 0x10])),
        };
        using var cleaned = new MemoryStream();

        Assert.True(await EvidenceMetadata.RemoveAsync(new TrickleStream(picture), type, cleaned, CancellationToken.None));

        Assert.Equal(await CleanAsync(picture, type), cleaned.ToArray());
    }

    [Fact]
    public async Task Cleaning_a_25_mb_jpeg_costs_at_most_twice_its_size_in_memory()
    {
        var jpeg = LargeJpeg(25 * 1024 * 1024);
        using var picture = new MemoryStream(jpeg);

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var cleaned = new MemoryStream(jpeg.Length); // as the case page sizes it: a copy is never larger
        var removing = EvidenceMetadata.RemoveAsync(picture, "image/jpeg", cleaned, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(removing.IsCompletedSuccessfully); // a memory stream never makes it wait, so all of it ran on this thread
        Assert.True(await removing);
        Assert.InRange(allocated, 0, 2L * jpeg.Length);
    }

    // The small picture behind a megabyte of comments and with a long entropy-coded scan: what is skipped and what is copied.
    static byte[] LargeJpeg(int size)
    {
        var picture = Photos.JpegPicture();
        var jpeg = new MemoryStream(size);
        jpeg.Write(picture.AsSpan(0, 2));
        for (var i = 0; i < 16; i++)
        {
            jpeg.Write([0xFF, 0xFE, 0xFF, 0xFF, .. Enumerable.Repeat((byte)'C', 0xFFFD)]);
        }

        jpeg.Write(picture.AsSpan(2..^2));
        var scan = new byte[size - (int)jpeg.Length - 2];
        Array.Fill(scan, (byte)0x3F);
        jpeg.Write(scan);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    static async Task<byte[]?> CleanAsync(byte[] picture, string type)
    {
        using var cleaned = new MemoryStream();
        return await EvidenceMetadata.RemoveAsync(new MemoryStream(picture), type, cleaned, CancellationToken.None) ? cleaned.ToArray() : null;
    }

    static void AssertNoTrace(byte[] cleaned)
    {
        var latin1 = Encoding.Latin1.GetString(cleaned);
        Assert.All(Traces, trace => Assert.DoesNotContain(trace, latin1, StringComparison.Ordinal));
        Assert.Equal(-1, cleaned.AsSpan().IndexOf(Photos.Latitude));
    }

    [Fact]
    public async Task An_animated_webp_keeps_its_frames_and_loses_what_a_frame_carries_besides_its_picture()
    {
        var alpha = Chunk("ALPH", [0, 0xFF]);
        var image = Chunk("VP8L", [0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00]);
        var header = Chunk("VP8X", [0x02 | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var animation = Chunk("ANIM", [0, 0, 0, 0, 0, 0]);
        byte[] frame = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0, 0, 0, 0, 0];

        var cleaned = await CleanAsync(
            Riff(header, animation, Chunk("ANMF", [.. frame, .. alpha, .. image, .. Chunk("XMP ", Encoding.UTF8.GetBytes(Photos.XmpCreator))])),
            "image/webp");

        Assert.Equal(Riff(header, animation, Chunk("ANMF", [.. frame, .. alpha, .. image])), cleaned);
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

    /// <summary>A stream that gives one byte per read, as a slow network might, so every piece of a picture straddles a read.</summary>
    sealed class TrickleStream(byte[] bytes) : Stream
    {
        int at;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => at; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (at == bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[at++];
            return 1;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
