using System.Security.Cryptography;

namespace CocReports.Procedure.Intake;

/// <summary>
/// Passes an upload through to storage while counting and hashing it, and stops it the moment it crosses a
/// limit, so nothing is buffered whole and nothing oversized is kept. The sniffed head is replayed first.
/// </summary>
public sealed class MeteredEvidenceStream(ReadOnlyMemory<byte> head, Stream rest, long maxBytes, string limitMessage) : Stream
{
    readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    int headPosition;

    public long BytesRead { get; private set; }

    public string Sha256Hex() => Convert.ToHexStringLower(sha256.GetCurrentHash());

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (headPosition < head.Length)
        {
            read = Math.Min(buffer.Length, head.Length - headPosition);
            head.Slice(headPosition, read).CopyTo(buffer);
            headPosition += read;
        }
        else
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }

        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw new EvidenceTooLargeException(limitMessage);
        }

        sha256.AppendData(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sha256.Dispose();
        }

        base.Dispose(disposing);
    }
}
