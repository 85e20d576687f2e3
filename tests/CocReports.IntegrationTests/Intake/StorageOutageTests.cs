using System.Net;
using Azure.Data.Tables;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Storage goes down and comes back, on an Azurite of the test's own that it kills and restarts: intake answers 503
/// with Retry-After and keeps nothing half-stored, the same submission succeeds once storage is back, and a workflow
/// whose timer fell due during the outage keeps its promise afterwards.
/// </summary>
[Collection(Name)]
public sealed class StorageOutageTests(StorageOutageTests.Host host)
{
    public const string Name = "storage outage";

    [Fact]
    public async Task During_an_outage_intake_answers_503_with_retry_after_and_afterwards_everything_continues()
    {
        // A report already in the workflow, whose next timer falls due during the outage.
        var before = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + before.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);
        var receivedAt = (await host.Reports.GetEntityAsync<TableEntity>(before.Reference, "report")).Value.GetDateTimeOffset("ReceivedAt")!.Value;

        var reporter = Submissions.NewReporter();
        var key = Guid.NewGuid().ToString();
        host.Azurite.Stop();
        var (timerMail, due) = NextTimer(before.Reference, receivedAt, DateTimeOffset.UtcNow);
        try
        {
            foreach (var idempotencyKey in new[] { key, null })
            {
                using var refused = await PostAsync(reporter, idempotencyKey);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            }

            // Down until after the timer was due: it fell due while the workflow could not run.
            var rest = due + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        finally
        {
            await host.Azurite.StartAsync();
        }

        // The timer that fell due in the outage still does its work once storage is back.
        await host.Inbox.WaitForAsync(m => m.Subject == timerMail, LocalHostFixture.Members.Length, TimeSpan.FromSeconds(90));

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

    /// <summary>The first of the report's acknowledgment timers still ahead when storage went down, and the mail it sends.</summary>
    static (string Mail, DateTimeOffset Due) NextTimer(string reference, DateTimeOffset receivedAt, DateTimeOffset down)
    {
        (string Mail, DateTimeOffset Due)[] timers =
        [
            ("Reminder: acknowledge report " + reference, receivedAt + Parse(LocalHostFixture.RemindAfter)),
            ("Overdue: report " + reference + " is not acknowledged", receivedAt + Parse(LocalHostFixture.AcknowledgeWithin)),
        ];
        var ahead = timers.Where(t => t.Due > down).ToList();
        Assert.True(ahead.Count > 0, "Storage went down after every acknowledgment timer was due: the outage overlaps none.");
        return ahead[0];
    }

    static TimeSpan Parse(string span) => TimeSpan.Parse(span, System.Globalization.CultureInfo.InvariantCulture);

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
