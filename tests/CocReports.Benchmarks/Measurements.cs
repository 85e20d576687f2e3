using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CocReports.Benchmarks;

/// <summary>The evidence every timed report carries: two 1 MB files that sniff as PNG, made once and shared.</summary>
sealed class SmallEvidence
{
    public const int FileBytes = 1024 * 1024;

    public SmallEvidence() => Sha256 = [.. Files.Select(file => Convert.ToHexString(SHA256.HashData(file)))];

    public IReadOnlyList<byte[]> Files { get; } = [Make(), Make()];

    public IReadOnlyList<string> Sha256 { get; }

    /// <summary>Similar in size to a report row: the text a reporter typed plus the references the intake adds.</summary>
    public string Description { get; } = string.Join(' ', Enumerable.Repeat(
        "At the community call someone kept interrupting and mocking a newer contributor's accent.", 8));

    static byte[] Make()
    {
        var bytes = new byte[FileBytes];
        Random.Shared.NextBytes(bytes);
        GeneratedEvidence.PngSignature.CopyTo(bytes, 0);
        return bytes;
    }
}

/// <summary>
/// A file that sniffs as PNG, made while it is sent: the benchmark client never holds a 25 MB file, so what the
/// memory probe sees is the host's work alone.
/// </summary>
sealed class GeneratedEvidence(long fileBytes) : HttpContent
{
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        long sent = 0;
        while (sent < fileBytes)
        {
            Random.Shared.NextBytes(chunk);
            if (sent == 0)
            {
                PngSignature.CopyTo(chunk, 0);
            }

            var count = (int)Math.Min(chunk.Length, fileBytes - sent);
            await stream.WriteAsync(chunk.AsMemory(0, count), cancellationToken);
            sent += count;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = fileBytes;
        return true;
    }
}

/// <summary>Files reports through the API as the form's script does: multipart, anonymous, a fresh Idempotency-Key, JSON receipt expected.</summary>
sealed class IntakeBenchmark(HttpClient http, SmallEvidence evidence)
{
    int accepted;
    int refused;

    /// <summary>Reports accepted so far, all anonymous: each owes every member one mail and the reporter none.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>
    /// A client whose connections come from <paramref name="addresses"/> loopback addresses in turn (127.0.0.2 and up;
    /// Linux routes all of 127.0.0.0/8 to the loopback interface), so the host counts them as that many reporters, as
    /// it would in Azure, instead of one client that all rate-limit counting lands on. One address is what a single
    /// machine without this looks like.
    /// </summary>
    public static HttpClient CreateClient(Uri baseUrl, int addresses)
    {
        var connections = 0;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 32, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        if (addresses > 1)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    var n = Interlocked.Increment(ref connections) % addresses;
                    socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(2 + n)]), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Submissions answered 429 because the address's counter lost every race for its row, then sent again.</summary>
    public int Refused => Volatile.Read(ref refused);

    /// <summary>
    /// One report with the two shared 1 MB files, until it is accepted: what the latency runs time. The budget is
    /// raised out of reach, so a 429 here means the counter lost every race for its row (many reports from one
    /// address at once): counted, sent again, and the wait is part of the sample.
    /// </summary>
    public async Task SubmitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (status, body) = await SubmitForStatusAsync(cancellationToken);
            if (status == HttpStatusCode.Accepted)
            {
                return;
            }

            if (status != HttpStatusCode.TooManyRequests)
            {
                throw new InvalidOperationException($"POST /api/reports answered {(int)status} instead of 202: {body}");
            }

            Interlocked.Increment(ref refused);
        }
    }

    public async Task SubmitAsync(IReadOnlyList<HttpContent> files, CancellationToken cancellationToken)
    {
        var (status, body) = await SubmitForStatusAsync(files, cancellationToken);
        if (status != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/reports answered {(int)status} instead of 202: {body}");
        }
    }

    /// <summary>One report with the two shared files, answering with whatever the API said (the soak counts them).</summary>
    public Task<(HttpStatusCode Status, string Body)> SubmitForStatusAsync(CancellationToken cancellationToken) =>
        SubmitForStatusAsync([.. evidence.Files.Select(file => (HttpContent)new ByteArrayContent(file))], cancellationToken);

    public async Task<(HttpStatusCode Status, string Body)> SubmitForStatusAsync(IReadOnlyList<HttpContent> files, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(evidence.Description), "description" },
            { new StringContent("anonymous"), "contactChoice" },
        };
        for (var i = 0; i < files.Count; i++)
        {
            files[i].Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(files[i], "evidence", $"screenshot-{i + 1}.png");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/reports") { Content = form };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("D")); // as the form's script sends every report
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            Interlocked.Increment(ref accepted);
        }

        return (response.StatusCode, response.StatusCode == HttpStatusCode.Accepted ? "" : await response.Content.ReadAsStringAsync(cancellationToken));
    }
}

/// <summary>
/// The physical floor of intake: the same writes done directly with the Azure SDK (two evidence blobs with the
/// evidence store's transfer options, then one report-sized row), with nothing of the product in between.
/// </summary>
sealed class StorageFloor(BlobContainerClient container, TableClient table, SmallEvidence evidence)
{
    static readonly BlobUploadOptions Upload = new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" },
        TransferOptions = new StorageTransferOptions
        {
            InitialTransferSize = 4 * 1024 * 1024,
            MaximumTransferSize = 4 * 1024 * 1024,
            MaximumConcurrency = 2,
        },
    };

    public static async Task<StorageFloor> CreateAsync(string connectionString, SmallEvidence evidence, CancellationToken cancellationToken)
    {
        var name = $"floor{Guid.NewGuid():N}"[..20];
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var table = new TableServiceClient(connectionString).GetTableClient(name);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return new StorageFloor(container, table, evidence);
    }

    public async Task StoreReportAsync(CancellationToken cancellationToken)
    {
        var reference = Guid.NewGuid().ToString("N");
        for (var i = 0; i < evidence.Files.Count; i++)
        {
            using var content = new MemoryStream(evidence.Files[i], writable: false);
            await container.GetBlobClient($"{reference}/{i:D2}").UploadAsync(content, Upload, cancellationToken);
        }

        var row = new TableEntity(reference, "report")
        {
            ["ReceivedAt"] = DateTimeOffset.UtcNow,
            ["ReceiptCodeHash"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()),
            ["Evidence"] = JsonSerializer.Serialize(Enumerable.Range(0, evidence.Files.Count).Select(i => new
            {
                BlobName = $"{reference}/{i:D2}",
                FileName = $"screenshot-{i + 1}.png",
                ContentType = "image/png",
                Length = SmallEvidence.FileBytes,
                Sha256 = evidence.Sha256[i],
            })),
            ["IsOngoing"] = "Unsure",
            ["Description"] = evidence.Description,
            ["Setting"] = "Unspecified",
            ["FeelsUnsafe"] = false,
            ["ExcludedMembers"] = "[]",
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await container.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await table.DeleteAsync(cancellationToken);
    }
}

/// <summary>Latency percentiles of one run, in milliseconds, and how long the run took from first start to last end.</summary>
sealed record Percentiles(int Count, double P50, double P99)
{
    public TimeSpan Elapsed { get; init; }

    public double PerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>Nearest rank: p99 of 40 samples is the slowest one.</summary>
    public static Percentiles Of(double[] milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Percentiles(sorted.Length, Rank(0.50), Rank(0.99));
    }
}

static class Latency
{
    /// <summary>Runs <paramref name="count"/> operations on <paramref name="concurrency"/> clients, each starting the next as soon as its last one ends.</summary>
    public static async Task<Percentiles> MeasureAsync(
        Func<CancellationToken, Task> operation, int concurrency, int warmUp, int count, CancellationToken cancellationToken)
    {
        await RunAsync(operation, concurrency, new double[warmUp], cancellationToken);
        var samples = new double[count];
        var started = Stopwatch.GetTimestamp();
        await RunAsync(operation, concurrency, samples, cancellationToken);
        return Percentiles.Of(samples) with { Elapsed = Stopwatch.GetElapsedTime(started) };
    }

    static Task RunAsync(Func<CancellationToken, Task> operation, int concurrency, double[] samples, CancellationToken cancellationToken)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < samples.Length)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(cancellationToken);
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }, cancellationToken)));
    }
}

/// <summary>What the host's resident memory did while one upload ran.</summary>
sealed record MemoryGrowth(long BaselineBytes, long PeakBytes, int Samples, TimeSpan Duration)
{
    public long GrowthBytes => PeakBytes - BaselineBytes;
}

/// <summary>Samples another process's resident set (VmRSS in /proc/PID/status) while an operation runs.</summary>
sealed class MemoryProbe(int processId)
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public long ReadResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"Process {processId} reports no VmRSS: is it running?");
    }

    public async Task<MemoryGrowth> WatchAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var baseline = ReadResidentBytes();
        var sampling = Task.Run(() => SamplePeakAsync(stop.Token), CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await operation(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var duration = Stopwatch.GetElapsedTime(started);
        var (peak, samples) = await sampling;
        return new MemoryGrowth(baseline, Math.Max(Math.Max(peak, baseline), ReadResidentBytes()), samples + 2, duration);
    }

    async Task<(long Peak, int Samples)> SamplePeakAsync(CancellationToken stop)
    {
        long peak = 0;
        var samples = 0;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                peak = Math.Max(peak, ReadResidentBytes());
                samples++;
            }
        }
        catch (OperationCanceledException)
        {
            // The upload ended.
        }

        return (peak, samples);
    }
}
