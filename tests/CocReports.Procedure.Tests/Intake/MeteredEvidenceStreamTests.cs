using System.Security.Cryptography;
using CocReports.Procedure.Intake;

namespace CocReports.Procedure.Tests.Intake;

public class MeteredEvidenceStreamTests
{
    static readonly byte[] Content = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31 % 251))];

    static MeteredEvidenceStream Metered(byte[] content, int headLength, long maxBytes, string message = "This file is over 25 MB.") =>
        new(content.AsMemory(0, headLength), new MemoryStream(content[headLength..]), maxBytes, message);

    [Fact]
    public async Task Replays_the_head_then_the_rest_counting_and_hashing_every_byte()
    {
        using var stream = Metered(Content, EvidenceType.HeadLength, maxBytes: 1_000_000);
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy, bufferSize: 1000);

        Assert.Equal(Content, copy.ToArray());
        Assert.Equal(Content.Length, stream.BytesRead);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Content)), stream.Sha256Hex());
    }

    [Fact]
    public void Small_synchronous_reads_across_the_head_boundary_lose_nothing()
    {
        using var stream = Metered(Content, 100, maxBytes: 1_000_000);
        using var copy = new MemoryStream();
        var buffer = new byte[7];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(Content, copy.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Content)), stream.Sha256Hex());
    }

    [Fact]
    public async Task Content_exactly_at_the_limit_passes()
    {
        using var stream = Metered(Content, EvidenceType.HeadLength, maxBytes: Content.Length);

        await stream.CopyToAsync(Stream.Null);

        Assert.Equal(Content.Length, stream.BytesRead);
    }

    [Fact]
    public async Task One_byte_over_the_limit_throws_with_the_given_message()
    {
        using var stream = Metered(Content, EvidenceType.HeadLength, maxBytes: Content.Length - 1, "evidence.mp4 is over the limit.");

        var error = await Assert.ThrowsAsync<EvidenceTooLargeException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal("evidence.mp4 is over the limit.", error.Message);
    }

    [Fact]
    public async Task Crossing_the_limit_throws_at_that_read_without_reading_on()
    {
        var rest = new MemoryStream(Content[EvidenceType.HeadLength..]);
        using var stream = new MeteredEvidenceStream(Content.AsMemory(0, EvidenceType.HeadLength), rest, 2500, "too large");
        var buffer = new byte[1000];

        Assert.Equal(EvidenceType.HeadLength, await stream.ReadAsync(buffer));
        Assert.Equal(1000, await stream.ReadAsync(buffer));
        await Assert.ThrowsAsync<EvidenceTooLargeException>(() => stream.ReadAsync(buffer).AsTask());

        // 512 + 1000 + 1000 crossed 2500: the rest was read no further than that third read.
        Assert.Equal(2000, rest.Position);
    }

    [Fact]
    public async Task Limit_smaller_than_the_head_stops_at_the_first_read()
    {
        var rest = new MemoryStream(Content[EvidenceType.HeadLength..]);
        using var stream = new MeteredEvidenceStream(Content.AsMemory(0, EvidenceType.HeadLength), rest, 100, "too large");

        await Assert.ThrowsAsync<EvidenceTooLargeException>(() => stream.ReadAsync(new byte[4096]).AsTask());

        Assert.Equal(0, rest.Position);
    }
}
