using CocReports.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Procedure.Reports;

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
        await AssertNothingStoredAsync(key);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_413_and_nothing_is_stored()
    {
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
        await AssertNothingStoredAsync(key);
    }

    [Fact]
    public async Task A_disguised_file_is_refused_by_its_content_not_its_name_and_nothing_is_stored()
    {
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
        await AssertNothingStoredAsync(key);
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_idempotency_key_stores_one_report()
    {
        var key = Guid.NewGuid().ToString();
        var reporter = Submissions.NewReporter();
        var first = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter), ("a.png", "image/png", Submissions.Png(5_000))), key);
        var second = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter), ("a.png", "image/png", Submissions.Png(5_000))), key);

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
    public async Task Evidence_cannot_be_read_anonymously_through_its_blob_url()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("a.png", "image/png", Submissions.Png(5_000))));
        var blobUri = host.Evidence.GetBlobClient($"{receipt.Reference}/00").Uri;

        using var anonymous = new HttpClient();
        var response = await anonymous.GetAsync(blobUri);

        Assert.False(response.IsSuccessStatusCode);
        Assert.True(await host.Evidence.GetBlobClient($"{receipt.Reference}/00").ExistsAsync());
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

    async Task AssertNothingStoredAsync(string idempotencyKey)
    {
        var reference = ReportReference.FromIdempotencyKey(idempotencyKey, host.Links().DeriveKey("idempotency"));
        Assert.False((await host.Reports.GetEntityIfExistsAsync<TableEntity>(reference, "report")).HasValue);
        Assert.Empty(await host.EvidenceBlobsAsync(reference));
        Assert.Null(await host.Workflows.GetInstanceAsync(WorkflowInstance.For(reference)));
    }
}
