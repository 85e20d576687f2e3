using System.Buffers;

namespace CocReports.Adapters.Blobs;

/// <summary>
/// Up to one block of an upload, read into pooled 64 KB chunks and read back as a seekable stream: a file holds about
/// its own size in memory (never a whole block for a small file, never a copy), and the SDK sees a known length.
/// </summary>
sealed class PooledBlock : Stream
{
    const int ChunkBytes = 64 * 1024;

    readonly List<byte[]> chunks = [];
    long length;
    long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = Math.Clamp(value, 0, length);
    }

    /// <summary>Reads the next <paramref name="maxBytes"/> of <paramref name="content"/> at most; true when it ended within them.</summary>
    public async Task<bool> FillAsync(Stream content, int maxBytes, CancellationToken cancellationToken)
    {
        Release();
        while (length < maxBytes)
        {
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            chunks.Add(chunk);
            var wanted = (int)Math.Min(ChunkBytes, maxBytes - length);
            var read = await content.ReadAtLeastAsync(chunk.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken);
            length += read;
            if (read < wanted)
            {
                return true;
            }
        }

        return false;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var copied = 0;
        while (copied < buffer.Length && position < length)
        {
            var offset = (int)(position % ChunkBytes);
            var count = (int)Math.Min(Math.Min(ChunkBytes - offset, length - position), buffer.Length - copied);
            chunks[(int)(position / ChunkBytes)].AsSpan(offset, count).CopyTo(buffer[copied..]);
            copied += count;
            position += count;
        }

        return copied;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    void Release()
    {
        foreach (var chunk in chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        chunks.Clear();
        length = 0;
        position = 0;
    }
}
