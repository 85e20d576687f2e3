using CocReports.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Reports;
using Microsoft.DurableTask.Client;

namespace CocReports.IntegrationTests;

[Collection(LocalHostCollection.Name)]
public sealed class IntakeTests(LocalHostFixture host)
{
    [Fact]
    public async Task Report_with_two_files_is_stored_with_its_evidence_and_their_hashes()
    {
        var png = Submissions.Png(300_000);
        var pdf = Submissions.Pdf(200_000);
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("screenshot.png", "image/png", png), ("chat-log.pdf", "application/pdf", pdf)));

        var row = (await host.Reports.GetEntityAsync<TableEntity>(receipt.Reference, "report")).Value;
        Assert.Equal("Someone kept interrupting me in the community call.", row.GetString("Description"));
        Assert.NotEqual(receipt.ReceiptCode, row.GetString("ReceiptCodeHash"));
        Assert.True(ReceiptCode.Matches(receipt.ReceiptCode, row.GetString("ReceiptCodeHash")!));

        var evidence = JsonSerializer.Deserialize<EvidenceFile[]>(row.GetString("Evidence")!)!;
        Assert.Equal(["screenshot.png", "chat-log.pdf"], evidence.Select(e => e.FileName));
        Assert.Equal(["image/png", "application/pdf"], evidence.Select(e => e.ContentType));
        foreach (var (file, bytes) in evidence.Zip([png, pdf]))
        {
            var blob = await host.Evidence.GetBlobClient(file.BlobName).DownloadContentAsync();
            Assert.Equal(bytes, blob.Value.Content.ToArray());
            Assert.Equal(file.ContentType, blob.Value.Details.ContentType);
            Assert.Equal(bytes.Length, file.Length);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
        }
    }

    [Fact]
    public async Task A_json_report_without_files_is_accepted_and_anonymous_reports_keep_no_contact()
    {
        var response = await host.Http.PostAsJsonAsync("/api/reports", new
        {
            description = "Slurs in the issue tracker.",
            contactChoice = "anonymous",
            contactEmail = "should-not-be-kept@reporters.test",
            feelsUnsafe = true,
            excludedMembers = new[] { "kim" },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<Receipt>())!;
        Assert.Matches("^COC-[0-9A-Z]{4}-[0-9A-Z]{4}$", receipt.Reference);
        Assert.Equal(response.Headers.Location, receipt.StatusUrl);
        var row = (await host.Reports.GetEntityAsync<TableEntity>(receipt.Reference, "report")).Value;
        Assert.Null(row.GetString("ContactEmail"));
        Assert.True(row.GetBoolean("FeelsUnsafe"));
        Assert.Equal("[\"kim\"]", row.GetString("ExcludedMembers"));
    }

    [Fact]
    public async Task An_invalid_report_names_each_bad_field_and_stores_nothing()
    {
        var before = await StoredAsync();
        var key = Guid.NewGuid().ToString();
        var fields = Submissions.Fields("not-an-email");
        fields["description"] = " ";
        fields["isOngoing"] = "maybe";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = Submissions.Multipart(fields, ("photo.png", "image/png", Submissions.Png(10_000))),
        };
        request.Headers.Add("Idempotency-Key", key);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("description", out _));
        Assert.True(errors.TryGetProperty("contactEmail", out _));
        Assert.True(errors.TryGetProperty("isOngoing", out _));
        await AssertNothingStoredAsync(before, key);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_413_and_nothing_is_stored()
    {
        var before = await StoredAsync();
        var key = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = Submissions.Multipart(
                Submissions.Fields(Submissions.NewReporter()),
                ("small.png", "image/png", Submissions.Png(20_000)),
                ("huge.png", "image/png", Submissions.Png(1_500_000))),
        };
        request.Headers.Add("Idempotency-Key", key);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("huge.png", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(before, key);
    }

    [Fact]
    public async Task A_disguised_file_is_refused_by_its_content_not_its_name_and_nothing_is_stored()
    {
        var before = await StoredAsync();
        var key = Guid.NewGuid().ToString();
        var html = Encoding.UTF8.GetBytes("<!doctype html><html><script>alert(1)</script></html>");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = Submissions.Multipart(
                Submissions.Fields(Submissions.NewReporter()),
                ("real.png", "image/png", Submissions.Png(20_000)),
                ("cute-cat.png", "image/png", html)),
        };
        request.Headers.Add("Idempotency-Key", key);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingStoredAsync(before, key);
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_idempotency_key_stores_one_report()
    {
        var key = Guid.NewGuid().ToString();
        var reporter = Submissions.NewReporter();
        var png = Submissions.Png(5_000);
        var first = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter), ("a.png", "image/png", png)), key);
        var second = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter), ("a.png", "image/png", png)), key);

        Assert.Equal(first, second);
        var blobs = await host.EvidenceBlobsAsync(first.Reference);
        Assert.Single(blobs);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter), 1);

        // The acknowledgment reaches the reporter after the receipt: a second receipt would have come before it.
        var acknowledge = host.Links().Create(first.Reference, "alex", CocReports.Procedure.Links.CaseAction.Acknowledge);
        await host.Http.PostAsync(acknowledge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(acknowledge) }));
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));
        Assert.Single(await host.Inbox.AllAsync(), m => m.IsTo(reporter) && m.Subject.StartsWith("We received your report", StringComparison.Ordinal));
        Assert.Equal(LocalHostFixture.Members.Length, (await host.Inbox.AboutAsync(first.Reference)).Count(m => m.Subject.StartsWith("New Code of Conduct report", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_content_gets_the_first_receipt_even_sent_as_json_with_other_spacing()
    {
        var key = Guid.NewGuid().ToString();
        var reporter = Submissions.NewReporter();
        var fields = Submissions.Fields(reporter);
        var first = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields), key);

        var spaced = fields.ToDictionary(f => f.Key, f => "  " + f.Value + "\n");
        var second = await Submissions.SubmitAsync(host.Http, JsonContent.Create(spaced), key.ToUpperInvariant());

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_key_that_is_not_a_random_uuid_is_refused_naming_the_rule_and_nothing_is_stored()
    {
        var before = await StoredAsync();

        using var response = await host.Http.SendAsync(Post(Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())), "report-1"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var rule = problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString();
        Assert.Contains("version 4", rule, StringComparison.Ordinal);
        Assert.Contains("UUID", rule, StringComparison.Ordinal);
        await AssertNothingStoredAsync(before, "report-1");
    }

    [Fact]
    public async Task A_second_report_under_a_used_key_is_refused_with_409_without_the_receipt_and_nothing_of_it_is_stored()
    {
        var key = Guid.NewGuid().ToString();
        var reporter = Submissions.NewReporter();
        var first = await Submissions.SubmitAsync(
            host.Http, Submissions.Multipart(Submissions.Fields(reporter), ("a.png", "image/png", Submissions.Png(5_000))), key);
        var firstBlobs = await host.EvidenceBlobsAsync(first.Reference);
        var before = await StoredAsync();

        var other = Submissions.Fields(Submissions.NewReporter(), "Someone else's report, sent with a reused key.");
        using var reused = await host.Http.SendAsync(Post(Submissions.Multipart(other, ("b.png", "image/png", Submissions.Png(7_000))), key));
        using var sameFieldsOtherFile = await host.Http.SendAsync(Post(
            Submissions.Multipart(Submissions.Fields(reporter), ("a.png", "image/png", Submissions.Png(5_000))), key));

        foreach (var response in new[] { reused, sameFieldsOtherFile })
        {
            await ProblemAsync(response, HttpStatusCode.Conflict);
            Assert.DoesNotContain(first.ReceiptCode, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await AssertNothingStoredAsync(before);
        var row = (await host.Reports.GetEntityAsync<TableEntity>(first.Reference, "report")).Value;
        Assert.Equal("Someone kept interrupting me in the community call.", row.GetString("Description"));
        Assert.Equal(firstBlobs, await host.EvidenceBlobsAsync(first.Reference));
    }

    [Fact]
    public async Task A_retry_after_a_crash_before_the_workflow_started_starts_it_with_the_same_receipt()
    {
        var key = Guid.NewGuid().ToString();
        var fields = Submissions.Fields(Submissions.NewReporter());
        var first = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields), key);

        // The state a crash between storing and starting leaves: the report row, and no workflow.
        var instance = WorkflowInstance.For(first.Reference);
        await host.Workflows.TerminateInstanceAsync(instance);
        await WaitUntilAsync(async () => (await host.Workflows.GetInstanceAsync(instance))?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated);
        await WaitUntilAsync(async () =>
        {
            // The engine may still write the terminated instance once more after the first purge.
            await host.Workflows.PurgeInstanceAsync(instance);
            return await host.Workflows.GetInstanceAsync(instance) is null;
        });

        var retried = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields), key);

        Assert.Equal(first, retried);
        var started = await host.Workflows.GetInstanceAsync(instance);
        Assert.NotNull(started);
        Assert.NotEqual(OrchestrationRuntimeStatus.Terminated, started.RuntimeStatus);
    }

    [Fact]
    public async Task A_chunked_json_body_over_the_cap_is_refused_with_413_while_streaming_and_nothing_is_stored()
    {
        var before = await StoredAsync();
        var body = new StreamedBody("application/json", "{\"description\":\"", (byte)'a', 150L * 1024 * 1024, "\"}");

        var answer = await body.PostAsync(host.BaseUrl, "/api/reports", new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });

        Assert.Equal(413, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", answer.Body, StringComparison.Ordinal);
        Assert.InRange(body.Sent, JsonCap, JsonCap + StreamedBody.InFlight);
        await AssertNothingStoredAsync(before);
    }

    [Fact]
    public async Task A_chunked_multipart_body_over_the_cap_is_refused_with_413_even_in_parts_the_server_skips()
    {
        var before = await StoredAsync();
        const string boundary = "limit-test";
        var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nA report.\r\n"
            + $"--{boundary}\r\nContent-Disposition: attachment; name=\"ignored\"\r\n\r\n";
        var body = new StreamedBody($"multipart/form-data; boundary={boundary}", head, (byte)'x', 150L * 1024 * 1024, $"\r\n--{boundary}--\r\n");

        var answer = await body.PostAsync(host.BaseUrl, "/api/reports");

        Assert.Equal(413, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.InRange(body.Sent, MultipartCap, MultipartCap + StreamedBody.InFlight);
        await AssertNothingStoredAsync(before);
    }

    /// <summary>What all of a report's text fields may take: each at 20,000 characters (the default), at 4 bytes a character.</summary>
    static readonly long TextBudget = ReportFields.Text.Length * 20_000L * 4;

    /// <summary>The most a JSON report may be: its text, with half again for escapes, and 64 KiB besides.</summary>
    static readonly long JsonCap = (TextBudget * 3 / 2) + (64 * 1024);

    /// <summary>The most a multipart report may be: the evidence (3 MB on the test host), 1 MB for the framing, and the text.</summary>
    static readonly long MultipartCap = (3L * 1024 * 1024) + (1024 * 1024) + TextBudget;

    [Fact]
    public async Task Too_many_parts_are_refused_with_413_and_nothing_is_stored()
    {
        var before = await StoredAsync();
        var content = Submissions.Multipart(Submissions.Fields(Submissions.NewReporter()));
        for (var i = 0; i < 1_000; i++)
        {
            content.Add(new StringContent(""), "padding");
        }

        using var response = await host.Http.SendAsync(Post(content));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("parts", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(before);
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_with_400_and_nothing_is_stored()
    {
        var before = await StoredAsync();
        var nested = "{\"description\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        using var response = await host.Http.SendAsync(Post(new StringContent(nested, Encoding.UTF8, "application/json")));

        await ProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertNothingStoredAsync(before);
    }

    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 seconds.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Evidence_cannot_be_read_anonymously_through_its_blob_url()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("a.png", "image/png", Submissions.Png(5_000))));
        var blob = Assert.Single(await host.EvidenceBlobsAsync(receipt.Reference));

        using var anonymous = new HttpClient();
        var response = await anonymous.GetAsync(host.Evidence.GetBlobClient(blob).Uri);

        Assert.False(response.IsSuccessStatusCode);
        Assert.True(await host.Evidence.GetBlobClient(blob).ExistsAsync());
    }

    [Fact]
    public async Task A_browser_without_javascript_gets_an_html_receipt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())),
        };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("COC-[0-9A-Z]{4}-[0-9A-Z]{4}", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    /// <summary>
    /// What the run's storage holds: every report row and every evidence blob. Tests in this collection run one at a
    /// time, so anything new after a refused request came from it, whatever reference the server derived.
    /// </summary>
    async Task<(HashSet<string> Reports, HashSet<string> Blobs)> StoredAsync()
    {
        var reports = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report", select: ["PartitionKey"]))
        {
            reports.Add(row.PartitionKey);
        }

        var blobs = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in host.Evidence.GetBlobsAsync())
        {
            blobs.Add(blob.Name);
        }

        return (reports, blobs);
    }

    async Task AssertNothingStoredAsync((HashSet<string> Reports, HashSet<string> Blobs) before, string? idempotencyKey = null)
    {
        var after = await StoredAsync();
        Assert.Empty(after.Reports.Except(before.Reports));
        Assert.Empty(after.Blobs.Except(before.Blobs));
        if (idempotencyKey is not null)
        {
            // The derivation is pinned by ReportReferenceTests; no workflow may run under the key's reference.
            var reference = ReportReference.FromIdempotencyKey(idempotencyKey, host.Links().DeriveRecordKey(KeyPurpose.Idempotency));
            Assert.Null(await host.Workflows.GetInstanceAsync(WorkflowInstance.For(reference)));
        }
    }

    static HttpRequestMessage Post(HttpContent content, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
