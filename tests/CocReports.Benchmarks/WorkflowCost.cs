using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Procedure.Links;

namespace CocReports.Benchmarks;

/// <summary>
/// What reports cost the system, counted rather than timed: storage requests by service and kind, durable activities
/// and orchestrator replays, SMTP sends, and the bytes of orchestration history. Two scenes: reports announced (intake
/// until the committee is notified and the reporter has the receipt), and one whole life (acknowledge, follow-up,
/// three status updates, resolution, the retention warning and the purge).
/// </summary>
sealed class WorkflowCost(HttpClient api, Mailbox mail, StorageRequests storage, TableServiceClient tables, string taskHub, ActionLinks links)
{
    static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    /// <summary>Files <paramref name="reports"/> reports with a reporter address, one after another, and counts until everything they started has settled.</summary>
    public async Task<SceneCost> AnnounceAsync(int reports, int members, CancellationToken cancellationToken)
    {
        await SettleAsync(cancellationToken);
        var mailBefore = await mail.CountAsync(cancellationToken);
        var from = storage.Mark();
        var started = Stopwatch.GetTimestamp();
        var references = new List<string>();
        for (var i = 0; i < reports; i++)
        {
            references.Add(await SubmitWithReporterAsync(cancellationToken));
        }

        await mail.WaitForAsync(mailBefore + (reports * (members + 1)), TimeSpan.FromMinutes(5), cancellationToken);
        var to = await SettleAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var sent = await mail.CountAsync(cancellationToken) - mailBefore;
        return await CostOfAsync(references, storage.Between(from, to), sent, elapsed, cancellationToken);
    }

    /// <summary>One report from receipt to the purge of its evidence, every step taken as soon as the last one settled.</summary>
    public async Task<SceneCost> WholeLifeAsync(int members, TimeSpan retention, CancellationToken cancellationToken)
    {
        await SettleAsync(cancellationToken);
        var mailBefore = await mail.CountAsync(cancellationToken);
        var from = storage.Mark();
        var started = Stopwatch.GetTimestamp();
        var reference = await SubmitWithReporterAsync(cancellationToken);
        var expected = mailBefore + members + 1;
        await mail.WaitForAsync(expected, TimeSpan.FromMinutes(2), cancellationToken);

        var later = DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (CaseAction Action, Dictionary<string, string> Fields)[] steps =
        [
            (CaseAction.Acknowledge, []),
            (CaseAction.FollowUp, new() { ["discussed"] = "yes", ["violation"] = "undecided", ["actions"] = "We spoke with the people involved.", ["nextUpdateBy"] = later }),
            (CaseAction.StatusUpdate, new() { ["update"] = "Still talking to the people involved.", ["nextUpdateBy"] = later }),
            (CaseAction.StatusUpdate, new() { ["update"] = "A decision is close.", ["nextUpdateBy"] = later }),
            (CaseAction.StatusUpdate, new() { ["update"] = "The committee meets on Thursday.", ["nextUpdateBy"] = later }),
            (CaseAction.Resolve, new() { ["violation"] = "yes", ["incidentType"] = "Disrupting discussions or events", ["actions"] = "A warning.", ["publicSummary"] = "A warning after disruptive behaviour on a call." }),
        ];
        foreach (var (action, fields) in steps)
        {
            await ActAsync(reference, action, fields, cancellationToken);
            expected++; // each step reaches the reporter
            await mail.WaitForAsync(expected, TimeSpan.FromMinutes(2), cancellationToken);
        }

        // The retention warning reaches every member, then the purge ends the workflow.
        expected += members;
        await mail.WaitForAsync(expected, retention + TimeSpan.FromMinutes(2), cancellationToken);
        await WaitUntilCompletedAsync(reference, retention + TimeSpan.FromMinutes(2), cancellationToken);
        var to = await SettleAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var sent = await mail.CountAsync(cancellationToken) - mailBefore;
        return await CostOfAsync([reference], storage.Between(from, to), sent, elapsed, cancellationToken);
    }

    /// <summary>Waits until nothing but polling has touched storage for <see cref="Quiet"/>, and returns that moment's mark.</summary>
    public async Task<StorageMark> SettleAsync(CancellationToken cancellationToken)
    {
        var mark = storage.Mark();
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(quietSince) < Quiet)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            var next = storage.Mark();
            if (storage.Between(mark, next).Any(c => !c.Key.IsBackground))
            {
                quietSince = Stopwatch.GetTimestamp();
            }

            mark = next;
        }

        return mark;
    }

    /// <summary>Files a report with a reporter address and waits for its announcement: its receipt and every member's mail.</summary>
    public async Task<string> FileWithReporterAsync(int members, CancellationToken cancellationToken)
    {
        var before = await mail.CountAsync(cancellationToken);
        var reference = await SubmitWithReporterAsync(cancellationToken);
        await mail.WaitForAsync(before + members + 1, TimeSpan.FromMinutes(2), cancellationToken);
        return reference;
    }

    /// <summary>Acknowledges and resolves a case (a mail to the reporter each).</summary>
    /// <returns>When the resolution was posted.</returns>
    public async Task<DateTimeOffset> AcknowledgeAndResolveAsync(string reference, CancellationToken cancellationToken)
    {
        await ActAsync(reference, CaseAction.Acknowledge, [], cancellationToken);
        var resolvedAt = DateTimeOffset.UtcNow;
        await ActAsync(reference, CaseAction.Resolve, new() { ["violation"] = "no", ["incidentType"] = "Other", ["publicSummary"] = "No violation was found." }, cancellationToken);
        return resolvedAt;
    }

    async Task<string> SubmitWithReporterAsync(CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["description"] = "Someone kept interrupting me in the community call and mocked my accent.",
            ["contactChoice"] = "contact",
            ["contactName"] = "Rita Reporter",
            ["contactEmail"] = $"reporter-{Guid.NewGuid():N}@reporters.test",
            ["setting"] = "online",
            ["onlineSpace"] = "Weekly community call",
            ["isOngoing"] = "no",
        })
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/reports") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await api.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/reports answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;
    }

    async Task ActAsync(string reference, CaseAction action, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        // A decision waits for the member's declaration of conflicts, as the case page asks for it.
        if (action == CaseAction.Resolve)
        {
            await ActAsync(reference, CaseAction.Declare, new() { ["conflict"] = "none" }, cancellationToken);
        }

        var link = links.Create(reference, "alex", action);
        fields["token"] = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        using var response = await api.PostAsync(link.AbsolutePath.TrimStart('/'), new FormUrlEncodedContent(fields), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    async Task WaitUntilCompletedAsync(string reference, TimeSpan within, CancellationToken cancellationToken)
    {
        var instances = tables.GetTableClient(taskHub + "Instances");
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var row = await instances.GetEntityIfExistsAsync<TableEntity>("report-" + reference, "", cancellationToken: cancellationToken);
            if (row.HasValue && row.Value!.GetString("RuntimeStatus") == "Completed")
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        throw new TimeoutException($"The workflow of {reference} did not complete within {within}.");
    }

    /// <summary>Reads each instance's history (after the window closed, so these reads are not counted).</summary>
    async Task<SceneCost> CostOfAsync(List<string> references, IReadOnlyDictionary<StorageKind, int> requests, int mails, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var history = tables.GetTableClient(taskHub + "History");
        var (replays, historyBytes, largestHistory, generations) = (0, 0L, 0L, 0);
        foreach (var reference in references)
        {
            long bytes = 0;
            var executions = new HashSet<string>();
            await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == "report-" + reference, cancellationToken: cancellationToken))
            {
                bytes += SizeOf(row);
                if (row.GetString("EventType") == "OrchestratorStarted")
                {
                    replays++;
                }

                if (row.GetString("ExecutionId") is { } execution)
                {
                    executions.Add(execution);
                }
            }

            historyBytes += bytes;
            largestHistory = Math.Max(largestHistory, bytes);
            generations += executions.Count;
        }

        var activities = requests.Where(r => r.Key.Operation == "enqueue activity").Sum(r => r.Value);
        return new SceneCost(references.Count, requests, activities, replays, mails, historyBytes, largestHistory, generations, elapsed);
    }

    /// <summary>An entity's size as Table storage counts it, near enough: its keys and each property's name and value.</summary>
    static long SizeOf(TableEntity row) =>
        row.Sum(p => (2L * p.Key.Length) + p.Value switch
        {
            string s => 2L * s.Length,
            byte[] b => b.Length,
            _ => 8,
        });
}

/// <summary>What one scene cost, in total; per report by dividing by <see cref="Reports"/>.</summary>
sealed record SceneCost(
    int Reports,
    IReadOnlyDictionary<StorageKind, int> Requests,
    int Activities,
    int Replays,
    int Mails,
    long HistoryBytes,
    long LargestHistoryBytes,
    int Generations,
    TimeSpan Elapsed)
{
    /// <summary>Storage requests a report caused, without the polls and lease renewals that run regardless.</summary>
    public int Operations => Requests.Where(r => !r.Key.IsBackground).Sum(r => r.Value);

    public double PerReport(double total) => total / Reports;
}

/// <summary>smtp4dev's store, counted.</summary>
sealed class Mailbox(HttpClient smtp4dev)
{
    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        (await smtp4dev.GetFromJsonAsync<JsonElement>("api/messages?pageSize=1", cancellationToken)).GetProperty("rowCount").GetInt32();

    public async Task WaitForAsync(int count, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (await CountAsync(cancellationToken) < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"smtp4dev holds {await CountAsync(cancellationToken)} mails, {count} expected after {within}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
