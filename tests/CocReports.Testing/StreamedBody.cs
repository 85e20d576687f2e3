using System.Net.Sockets;
using System.Text;

namespace CocReports.Testing;

/// <summary>
/// Posts a body chunked, with no Content-Length, as a client hiding its size would: a head, then filler up to
/// <see cref="TotalBytes"/>, then a tail. Over a raw socket, because a server that refuses early answers and closes
/// the connection, and HttpClient then reports the broken upload instead of the answer. Reads the answer while
/// sending and stops sending once it has arrived, so <see cref="Sent"/> tells how much the server let in.
/// </summary>
public sealed class StreamedBody(string contentType, string head, byte filler, long totalBytes, string tail = "")
{
    /// <summary>
    /// How much more than a cap may be sent before the refusal arrives: what Kestrel reads ahead of the app (its request
    /// buffer, 1 MB by default:
    /// https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.server.kestrel.core.kestrelserverlimits.maxrequestbuffersize)
    /// and what the sockets hold (the client's send buffer is kept small for that).
    /// </summary>
    public const long InFlight = 4L * 1024 * 1024;

    public long TotalBytes => totalBytes;

    public long Sent { get; private set; }

    public async Task<StreamedAnswer> PostAsync(Uri baseUrl, string path, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var client = new TcpClient { SendBufferSize = 64 * 1024 };
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = client.GetStream();
        var request = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\nAccept: application/json\r\n");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Append($"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        var answer = ReadAnswerAsync(stream);
        try
        {
            await SendChunkAsync(stream, Encoding.UTF8.GetBytes(head));
            var filling = Enumerable.Repeat(filler, 64 * 1024).ToArray();
            var remaining = totalBytes - Encoding.UTF8.GetByteCount(head) - Encoding.UTF8.GetByteCount(tail);
            while (remaining > 0 && !answer.IsCompleted)
            {
                var size = (int)Math.Min(filling.Length, remaining);
                await SendChunkAsync(stream, filling.AsMemory(0, size));
                remaining -= size;
            }

            if (!answer.IsCompleted)
            {
                await SendChunkAsync(stream, Encoding.UTF8.GetBytes(tail));
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            }
        }
        catch (IOException)
        {
            // The server closed the connection on the upload: its answer, if any, is already on its way.
        }

        return await answer.WaitAsync(TimeSpan.FromSeconds(60));
    }

    async Task SendChunkAsync(NetworkStream stream, ReadOnlyMemory<byte> data)
    {
        if (data.Length == 0)
        {
            return;
        }

        // Counted before it is written: a server that read its cap answers and closes, and the write of the chunk it
        // stopped in then fails, though the server had read part of it.
        Sent += data.Length;
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"));
        await stream.WriteAsync(data);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }

    // Status line, headers, and a Content-Length body (every answer here has one).
    static async Task<StreamedAnswer> ReadAnswerAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException("The server closed the connection without answering.");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var headerText = Encoding.ASCII.GetString(received.GetRange(0, headerEnd).ToArray());
        var lines = headerText.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var length = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var contentType = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault() ?? "";
        while (received.Count - headerEnd - 4 < length)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        return new StreamedAnswer(status, contentType, Encoding.UTF8.GetString(received.GetRange(headerEnd + 4, received.Count - headerEnd - 4).ToArray()));
    }

    static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}

public sealed record StreamedAnswer(int Status, string ContentType, string Body);
