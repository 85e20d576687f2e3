using System.Net;
using Azure.Data.Tables;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Storage goes down and comes back, on an Azurite of the test's own that it kills and restarts: intake answers 503
/// with Retry-After and keeps nothing half-stored, the same submission succeeds once storage is back, and a workflow
/// that was waiting on a timer during the outage keeps its promise afterwards.
/// </summary>
[Collection(Name)]
public sealed class StorageOutageTests(StorageOutageTests.Host host)
{
    public const string Name = "storage outage";

    [Fact]
    public async Task During_an_outage_intake_answers_503_with_retry_after_and_afterwards_everything_continues()
    {
        // A report already in the workflow, whose acknowledgment reminder falls due during the outage.
        var before = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + before.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);

        var reporter = Submissions.NewReporter();
        var key = Guid.NewGuid().ToString();
        host.Azurite.Stop();
        try
        {
            foreach (var idempotencyKey in new[] { key, null })
            {
                using var refused = await PostAsync(reporter, idempotencyKey);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            }
        }
        finally
        {
            await host.Azurite.StartAsync();
        }

        // Nothing of the refused attempts was kept: no report row, no evidence blob.
        Assert.Empty(await RowsAsync(e => e.RowKey == "report" && e.PartitionKey != before.Reference));
        await foreach (var blob in host.Evidence.GetBlobsAsync())
        {
            Assert.StartsWith(before.Reference + "/", blob.Name, StringComparison.Ordinal);
        }

        // The same submission, retried with its key, is accepted and reaches the committee.
        using var accepted = await PostAsync(reporter, key);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter), 1, TimeSpan.FromSeconds(60));

        // The earlier report's timers survived: its reminder and then its overdue notice still come.
        await host.Inbox.WaitForAsync(m => m.Subject == "Overdue: report " + before.Reference + " is not acknowledged", LocalHostFixture.Members.Length, TimeSpan.FromSeconds(90));
    }

    Task<HttpResponseMessage> PostAsync(string reporter, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = Submissions.Multipart(Submissions.Fields(reporter), ("shot.png", "image/png", Submissions.Png(64 * 1024))),
        };
        request.Headers.Accept.ParseAdd("application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return host.Http.SendAsync(request);
    }

    async Task<List<TableEntity>> RowsAsync(Func<TableEntity, bool> match)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Reports.QueryAsync<TableEntity>())
        {
            if (match(row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>The local host on an Azurite of its own, so stopping it disturbs no other test.</summary>
    public sealed class Host : LocalHostFixture
    {
        public AzuriteProcess Azurite { get; } = new();

        public override string StorageConnectionString => Azurite.ConnectionString;

        public override async Task InitializeAsync()
        {
            await Azurite.StartAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Azurite.Dispose();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
