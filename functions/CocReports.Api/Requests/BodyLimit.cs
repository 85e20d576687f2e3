using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CocReports.Api.Requests;

/// <summary>
/// Holds a request body to a handler's own limit however it arrives: a declared Content-Length over the limit is
/// refused before anything is read, and a chunked body is counted as it streams. The server is told the limit too,
/// so it stops reading (and draining) there rather than at its much larger default.
/// </summary>
public static class BodyLimit
{
    /// <summary>False when the declared length is already over <paramref name="maxBytes"/>; otherwise the body is capped.</summary>
    public static bool TryApply(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return false;
        }

        // https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.http.features.ihttpmaxrequestbodysizefeature
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = maxBytes;
        }

        // The count here holds under any host, whether or not it offers the feature above.
        request.Body = new CappedStream(request.Body, maxBytes);
        return true;
    }

    /// <summary>Whether <paramref name="e"/>, or what it wraps (an upload client wraps the stream's errors), is a body over its limit, found by this cap or by the server's.</summary>
    public static bool WasExceeded(Exception e) =>
        e is BodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (e.InnerException is { } inner && WasExceeded(inner));

    sealed class CappedStream(Stream inner, long maxBytes) : Stream
    {
        long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        int Count(int bytes)
        {
            read += bytes;
            return read > maxBytes ? throw new BodyTooLargeException() : bytes;
        }
    }
}
