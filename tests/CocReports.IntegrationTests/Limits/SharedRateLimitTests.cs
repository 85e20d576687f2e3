using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Two instances of the app on one storage account, as Azure runs it when it scales out. An address's budget is
/// counted in storage, so a client spreading its requests over both instances gets no more than from one.
/// </summary>
[Collection(Name)]
public sealed class SharedRateLimitTests(SharedRateLimitTests.Hosts hosts)
{
    public const string Name = "shared rate limits";
    const int IntakeLimit = 3;
    const int StatusLimit = 4;
    static readonly TimeSpan StatusWindow = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_address_over_its_intake_budget_is_refused_by_every_instance_with_a_problem_and_retry_after()
    {
        var reportsBefore = await CountReportsAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(hosts.First)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(hosts.Second)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(hosts.First)).StatusCode);

        foreach (var host in new LocalHostFixture[] { hosts.Second, hosts.First })
        {
            using var refused = await SubmitAsync(host);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var wait = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(wait);
            Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal((long)wait.Value.TotalSeconds, problem.RootElement.GetProperty("retryAfter").GetInt64());
        }

        Assert.Equal(reportsBefore + IntakeLimit, await CountReportsAsync());
    }

    [Fact]
    public async Task The_status_page_budget_is_shared_and_comes_back_after_its_window_with_expired_counters_removed()
    {
        // A counter left by an address that never came back.
        await hosts.First.RateLimits.AddEntityAsync(new TableEntity("status", "gone") { ["Count"] = 3, ["WindowEnds"] = DateTimeOffset.UtcNow.AddHours(-1) });

        // The budget's posts and the two over it, all in one window: on a machine so loaded that the window ended
        // before the last of them, this proves nothing either way, and the next window is tried.
        TimeSpan wait;
        for (var attempt = 1; ; attempt++)
        {
            var (inOneWindow, refusedAfter) = await SpendStatusBudgetAsync();
            if (inOneWindow)
            {
                wait = refusedAfter;
                break;
            }

            Assert.True(attempt < 3, $"The budget's {StatusLimit + 2} posts never fitted in one {StatusWindow.TotalSeconds} s window.");
        }

        // Retry-After is a promise: once it has passed (a window has passed for each instance too), it is kept.
        await Task.Delay(wait + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NotFound, (await OpenStatusAsync(hosts.First)).StatusCode);

        var now = DateTimeOffset.UtcNow;
        var left = new List<TableEntity>();
        await foreach (var row in hosts.First.RateLimits.QueryAsync<TableEntity>(e => e.PartitionKey == "status"))
        {
            left.Add(row);
        }

        Assert.DoesNotContain(left, row => row.RowKey == "gone");
        Assert.All(left, row => Assert.True(row.GetDateTimeOffset("WindowEnds") > now.AddSeconds(-1), "an expired counter was kept"));
    }

    /// <summary>
    /// Once any earlier window of this address has ended: the budget's posts through both instances, then one over it
    /// through each, which are refused. Whether all of them came before the end of the window the first one opened (as
    /// the counter in storage has it); and the refusal's Retry-After.
    /// </summary>
    async Task<(bool InOneWindow, TimeSpan RetryAfter)> SpendStatusBudgetAsync()
    {
        if (await CounterAsync() is { } earlier && earlier.GetDateTimeOffset("WindowEnds") is { } ends && ends > DateTimeOffset.UtcNow)
        {
            await Task.Delay(ends - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        }

        var answers = new List<HttpStatusCode> { (await OpenStatusAsync(hosts.First)).StatusCode };
        var windowEnds = (await CounterAsync())?.GetDateTimeOffset("WindowEnds");
        for (var i = 1; i < StatusLimit; i++)
        {
            answers.Add((await OpenStatusAsync(i % 2 == 0 ? hosts.First : hosts.Second)).StatusCode);
        }

        using var refused = await OpenStatusAsync(hosts.Second);
        var page = await refused.Content.ReadAsStringAsync();
        using var refusedToo = await OpenStatusAsync(hosts.First);
        if (!(DateTimeOffset.UtcNow < windowEnds))
        {
            return (false, TimeSpan.Zero);
        }

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.NotFound, answer));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", page, StringComparison.Ordinal);
        var wait = refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
        Assert.InRange(wait, TimeSpan.FromSeconds(1), StatusWindow);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedToo.StatusCode);
        return (true, wait);
    }

    /// <summary>This address's status counter (the only one these tests make besides the abandoned one).</summary>
    async Task<TableEntity?> CounterAsync()
    {
        await foreach (var row in hosts.First.RateLimits.QueryAsync<TableEntity>(e => e.PartitionKey == "status" && e.RowKey != "gone"))
        {
            return row;
        }

        return null;
    }

    static Task<HttpResponseMessage> SubmitAsync(LocalHostFixture host) =>
        host.Http.PostAsync("/api/reports", Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));

    static Task<HttpResponseMessage> OpenStatusAsync(LocalHostFixture host) =>
        host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reference"] = "COC-ZZZZ-" + Random.Shared.Next(1000, 9999),
            ["receiptCode"] = "WRONG-WRONG-WRONG-WRONG",
        }));

    async Task<int> CountReportsAsync()
    {
        var count = 0;
        await foreach (var _ in hosts.First.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report", select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>One instance with small budgets; the second is made from the first, sharing its storage and keys.</summary>
    public sealed class LimitedHost : LocalHostFixture
    {
        public LimitedHost()
        {
        }

        public LimitedHost(LocalHostFixture sameAppAs)
            : base(sameAppAs)
        {
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["RateLimits:Intake:PermitLimit"] = IntakeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["RateLimits:Intake:Window"] = "00:01:00";
            settings["RateLimits:Status:PermitLimit"] = StatusLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["RateLimits:Status:Window"] = StatusWindow.ToString();
        }
    }

    public sealed class Hosts() : HostPair<LimitedHost, LimitedHost>(new LimitedHost(), first => new LimitedHost(first));

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Hosts>;
}
