using System.Buffers;

namespace CocReports.Procedure.Evidence;

/// <summary>
/// A picture read in small pieces, each copied to the cleaned copy or skipped as it is read: a copy costs its own size
/// and a fixed buffer, not the original's size several times over.
/// </summary>
sealed class PictureReader(Stream picture, Stream cleaned) : IDisposable
{
    readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    int start, end;

    /// <summary>What has been read and not yet copied or skipped.</summary>
    public ReadOnlySpan<byte> Buffered => buffer.AsSpan(start, end - start);

    public Stream Cleaned => cleaned;

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered; false when the picture ends first.</summary>
    public async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (end - start >= count)
        {
            return true;
        }

        // Fewer than count bytes are left, so moving them to the front is cheap and leaves room to read into.
        Buffered.CopyTo(buffer);
        (start, end) = (0, end - start);

        while (end - start < count)
        {
            var read = await picture.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            end += read;
        }

        return true;
    }

    public ValueTask<bool> CopyAsync(long count, CancellationToken cancellationToken) => PassAsync(count, copy: true, cancellationToken);

    public ValueTask<bool> SkipAsync(long count, CancellationToken cancellationToken) => PassAsync(count, copy: false, cancellationToken);

    public ValueTask WriteAsync(byte[] bytes, CancellationToken cancellationToken) => cleaned.WriteAsync(bytes, cancellationToken);

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);

    async ValueTask<bool> PassAsync(long count, bool copy, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (start == end && !await FillAsync(1, cancellationToken))
            {
                return false;
            }

            var passed = (int)Math.Min(count, end - start);
            if (copy)
            {
                await cleaned.WriteAsync(buffer.AsMemory(start, passed), cancellationToken);
            }

            start += passed;
            count -= passed;
        }

        return true;
    }
}
