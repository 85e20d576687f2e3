using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// The host is killed (SIGKILL) in the middle of an upload, after one evidence file reached storage: no partial report
/// is ever visible, the reporter's retry with the same key completes the report on the restarted host, and the file
/// the dead attempt left behind is removed by the sweep.
/// </summary>
public sealed class HostCrashTests : IDisposable
{
    readonly string run = "k" + Guid.NewGuid().ToString("N")[..10];
    readonly LocalHostProcess first;
    readonly LocalHostProcess second;
    readonly Inbox inbox = new(TestEnvironment.Smtp4devUrl);

    public HostCrashTests()
    {
        var settings = LocalHostFixture.SettingsFor(
            run, run, TestEnvironment.StorageConnectionString, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), new Uri("http://127.0.0.1"));
        settings["Intake:SweepEvery"] = "00:00:01";
        settings["Intake:SweepGrace"] = "00:00:02";
        settings["Intake:AbandonedEvidenceAfter"] = "00:00:03";

        first = new LocalHostProcess(settings);
        second = new LocalHostProcess(settings);
    }

    BlobContainerClient Evidence => new BlobServiceClient(TestEnvironment.StorageConnectionString).GetBlobContainerClient(run + "-evidence");

    TableClient Reports => new TableServiceClient(TestEnvironment.StorageConnectionString).GetTableClient(run + "Reports");

    [Fact]
    public async Task A_host_killed_mid_upload_leaves_no_partial_report_and_the_retry_with_the_same_key_completes_it()
    {
        var key = Guid.NewGuid().ToString();
        var screenshot = Submissions.Png(256 * 1024);
        var log = Submissions.Pdf(512 * 1024);
        await first.StartAsync();

        // The first file arrives whole; the second stalls halfway, and the host dies.
        var stall = new TaskCompletionSource();
        using var client = new HttpClient { BaseAddress = first.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        var cut = Send(client, key, screenshot, new StallingContent(log, log.Length / 2, stall.Task));
        var blobs = await WaitForBlobsAsync(1);
        first.Kill();
        stall.SetResult(); // the rest of the body now meets a dead connection
        await Assert.ThrowsAnyAsync<Exception>(() => cut);

        Assert.Empty(await ReportRowsAsync());
        Assert.Single(blobs);

        // The reporter sends again with the same key, to the restarted host.
        await second.StartAsync();
        using var retryClient = new HttpClient { BaseAddress = second.BaseUrl };
        using var retried = await Send(retryClient, key, screenshot, new ByteArrayContent(log));
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var reference = Assert.Single(await ReportRowsAsync()).PartitionKey;
        await inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + reference, StringComparison.Ordinal), 3, TimeSpan.FromSeconds(60));

        // The dead attempt's file goes; the report's two files stay.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await BlobNamesAsync()).Contains(blobs[0]))
        {
            Assert.True(DateTime.UtcNow < deadline, "The file of the killed attempt was not removed.");
            await Task.Delay(250);
        }

        Assert.Equal(2, (await BlobNamesAsync()).Count);
    }

    static Task<HttpResponseMessage> Send(HttpClient client, string key, byte[] screenshot, HttpContent log)
    {
        var content = Submissions.Multipart(Submissions.Fields(Submissions.NewReporter()), ("screenshot.png", "image/png", screenshot));
        log.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(log, "evidence", "log.pdf");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    async Task<List<string>> WaitForBlobsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var names = await BlobNamesAsync();
            if (names.Count >= count)
            {
                return names;
            }

            Assert.True(DateTime.UtcNow < deadline, "The first file never reached storage.");
            await Task.Delay(100);
        }
    }

    async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        if (await Evidence.ExistsAsync())
        {
            await foreach (var blob in Evidence.GetBlobsAsync())
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    async Task<List<TableEntity>> ReportRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
        inbox.Dispose();
    }

    /// <summary>Sends the first part of its bytes, then waits: an upload cut off midway.</summary>
    sealed class StallingContent(byte[] bytes, int sendFirst, Task resume) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, sendFirst));
            await stream.FlushAsync();
            await resume;
            await stream.WriteAsync(bytes.AsMemory(sendFirst));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
