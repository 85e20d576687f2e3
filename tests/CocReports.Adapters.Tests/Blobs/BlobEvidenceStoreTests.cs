using Azure.Storage.Blobs;
using CocReports.Adapters.Blobs;

namespace CocReports.Adapters.Tests.Blobs;

/// <summary>Against the Azurite that test.sh starts (COC_TEST_STORAGE); files arrive as intake hands them over, as streams of unknown length.</summary>
public sealed class BlobEvidenceStoreTests : IAsyncLifetime
{
    readonly BlobContainerClient container = new BlobServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetBlobContainerClient("evidence" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync() => await container.CreateIfNotExistsAsync();

    public async Task DisposeAsync() => await container.DeleteIfExistsAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1024)]
    [InlineData(64 * 1024)]
    [InlineData((1024 * 1024) + 1)]
    [InlineData(4 * 1024 * 1024)]
    [InlineData((9 * 1024 * 1024) + 3)]
    public async Task A_file_of_any_size_is_kept_byte_for_byte_with_its_type(int length)
    {
        var file = new byte[length];
        Random.Shared.NextBytes(file);
        var store = new BlobEvidenceStore(container);

        await store.SaveAsync("report/attempt/00", "image/png", new OneWay(new MemoryStream(file)), CancellationToken.None);

        await using var stored = await store.OpenReadAsync("report/attempt/00", CancellationToken.None);
        using var copy = new MemoryStream();
        await stored!.CopyToAsync(copy);
        Assert.Equal(file, copy.ToArray());
        Assert.Equal("image/png", (await container.GetBlobClient("report/attempt/00").GetPropertiesAsync()).Value.ContentType);
    }

    /// <summary>A request body's part: read once, front to back, its length unknown.</summary>
    sealed class OneWay(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 16 * 1024));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer[..Math.Min(buffer.Length, 16 * 1024)], cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
