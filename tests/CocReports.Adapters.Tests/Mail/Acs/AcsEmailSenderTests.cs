using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using CocReports.Adapters.Mail.Acs;
using CocReports.Procedure.Mail;
using CocReports.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters.Tests.Mail.Acs;

public sealed class AcsEmailSenderTests
{
    // A made-up access key: the fake endpoint checks nothing, the tests recompute the signature.
    private static readonly byte[] AccessKey = Encoding.UTF8.GetBytes("test-access-key-for-hmac-signing-0123456789");

    private static readonly OutgoingMail Mail = new(
        "report-42/acknowledge",
        new Recipient("Ada Lovelace", "ada@example.org"),
        "A report was received",
        "Please acknowledge the report.",
        "<p>Please acknowledge the report.</p>");

    [Fact]
    public async Task Send_posts_the_message_to_emails_send_with_the_api_version()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted("Succeeded"));

        await Sender(acs).SendAsync(Mail, CancellationToken.None);

        var send = Assert.Single(acs.Requests);
        Assert.Equal("POST", send.Method);
        Assert.Equal("/emails:send?api-version=2023-03-31", send.RawTarget);
        Assert.StartsWith("application/json", send.Header("content-type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(send.Body);
        var root = body.RootElement;
        Assert.Equal("committee@reports.example.org", root.GetProperty("senderAddress").GetString());
        Assert.Equal("A report was received", root.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal("Please acknowledge the report.", root.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Equal("<p>Please acknowledge the report.</p>", root.GetProperty("content").GetProperty("html").GetString());
        var to = Assert.Single(root.GetProperty("recipients").GetProperty("to").EnumerateArray());
        Assert.Equal("ada@example.org", to.GetProperty("address").GetString());
        Assert.Equal("Ada Lovelace", to.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Operation_id_is_a_guid_that_stays_the_same_when_the_same_mail_is_sent_again()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted("Succeeded"), FakeAcsEmail.Accepted("Succeeded"), FakeAcsEmail.Accepted("Succeeded"));
        var sender = Sender(acs);

        await sender.SendAsync(Mail, CancellationToken.None);
        await sender.SendAsync(Mail, CancellationToken.None);
        await sender.SendAsync(Mail with { To = new Recipient("Grace Hopper", "grace@example.org") }, CancellationToken.None);

        var ids = acs.Requests.Select(r => r.Header("operation-id")).ToList();
        Assert.True(Guid.TryParse(ids[0], out _), ids[0]);
        Assert.Equal(ids[0], ids[1]);
        // Each recipient of a step gets its own operation, or ACS would drop the second as a repeat.
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task Every_request_carries_a_valid_access_key_signature()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(new ScriptedResponse(503), FakeAcsEmail.Accepted());

        await Sender(acs).SendAsync(Mail, CancellationToken.None);

        Assert.Equal(2, acs.Requests.Count);
        Assert.All(acs.Requests, request =>
        {
            var contentHash = Convert.ToBase64String(SHA256.HashData(request.Body));
            Assert.Equal(contentHash, request.Header("x-ms-content-sha256"));
            var date = request.Header("x-ms-date");
            Assert.True(DateTimeOffset.TryParseExact(date, "r", null, System.Globalization.DateTimeStyles.AssumeUniversal, out var sentAt), date);
            Assert.InRange(sentAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

            // The documented scheme, written out independently of the sender's code.
            var stringToSign = request.Method + "\n" + request.RawTarget + "\n" + date + ";" + request.Header("host") + ";" + contentHash;
            using var hmac = new HMACSHA256(AccessKey);
            var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
            Assert.Equal(
                "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + expected,
                request.Header("authorization"));
        });
    }

    [Fact]
    public async Task Accepted_send_is_done_without_reading_its_status()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted("NotStarted", retryAfterSeconds: 5)).OnPoll(FakeAcsEmail.Status("Succeeded"));

        await Sender(acs).SendAsync(Mail, CancellationToken.None);

        // Status reads share the managed domain's tiny budget with nothing to gain: one request per mail.
        var send = Assert.Single(acs.Requests);
        Assert.Equal("POST", send.Method);
    }

    [Fact]
    public async Task Accepted_mail_is_logged_with_its_operation_id_and_never_the_recipient_address()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted());
        var log = new RecordingLogger();

        await Sender(acs, log).SendAsync(Mail, CancellationToken.None);

        var operationId = acs.Requests[0].Header("operation-id");
        var accepted = Assert.Single(log.Lines);
        Assert.Contains(operationId, accepted, StringComparison.Ordinal);
        Assert.Contains(Mail.MessageId, accepted, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.org", accepted, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ada Lovelace", accepted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_send_hands_the_requested_wait_to_the_workflow_instead_of_retrying_at_once()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(
            new ScriptedResponse(429, """{"error":{"code":"TooManyRequests","message":"Slow down."}}""", new Dictionary<string, string> { ["Retry-After"] = "1800" }),
            FakeAcsEmail.Accepted());

        var error = await Assert.ThrowsAsync<MailThrottledException>(() => Sender(acs).SendAsync(Mail, CancellationToken.None));

        Assert.Equal(TimeSpan.FromMinutes(30), error.RetryAfter);
        // A retry inside the pipeline would count against the same per-minute and per-hour limit.
        Assert.Single(acs.Requests);
        Assert.DoesNotContain("ada@example.org", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_orchestrator_reads_the_wait_of_a_throttled_send_from_the_failed_activity()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(new ScriptedResponse(429, null, new Dictionary<string, string> { ["Retry-After"] = "90" }));
        var error = await Assert.ThrowsAsync<MailThrottledException>(() => Sender(acs).SendAsync(Mail, CancellationToken.None));

        // What crosses the durable boundary is the exception's type name and message, nothing else.
        var failure = new TaskFailureDetails(typeof(MailThrottledException).FullName!, error.Message, null, null, null);
        var other = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, "Retry-After: 90", null, null, null);

        Assert.Equal(TimeSpan.FromSeconds(90), MailThrottledException.RetryAfterOf(failure));
        Assert.Null(MailThrottledException.RetryAfterOf(other));
    }

    [Fact]
    public async Task Throttled_send_without_retry_after_asks_for_the_configured_wait()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(new ScriptedResponse(429));

        var error = await Assert.ThrowsAsync<MailThrottledException>(() => Sender(acs).SendAsync(Mail, CancellationToken.None));

        Assert.Equal(TimeSpan.FromMinutes(1), error.RetryAfter);
        Assert.Single(acs.Requests);
    }

    [Fact]
    public async Task Server_error_is_retried_with_the_same_operation_id_so_acs_sends_once()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(new ScriptedResponse(503), FakeAcsEmail.Accepted());

        await Sender(acs).SendAsync(Mail, CancellationToken.None);

        Assert.Equal(2, acs.Requests.Count);
        Assert.Equal(acs.Requests[0].Header("operation-id"), acs.Requests[1].Header("operation-id"));
    }

    [Fact]
    public async Task Send_that_acs_already_has_counts_as_sent()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(new ScriptedResponse(409, """{"error":{"code":"Conflict","message":"The operation is in progress."}}"""));

        await Sender(acs).SendAsync(Mail, CancellationToken.None);

        Assert.Single(acs.Requests);
    }

    [Fact]
    public async Task Send_that_acs_reports_failed_on_acceptance_throws_so_the_activity_retries()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(new ScriptedResponse(202, """{"id":"x","status":"Failed","error":{"code":"EmailDroppedAllRecipientsSuppressed","message":"Suppressed."}}"""));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Sender(acs).SendAsync(Mail, CancellationToken.None));

        Assert.Contains("EmailDroppedAllRecipientsSuppressed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.org", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_send_throws_without_retrying()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(new ScriptedResponse(400, """{"error":{"code":"InvalidSenderAddress","message":"Unknown sender."}}"""));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Sender(acs).SendAsync(Mail, CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Single(acs.Requests);
    }

    [Fact]
    public void AddAcsEmail_binds_the_mail_section_and_registers_the_sender()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Mail:Transport"] = "Acs",
                ["Mail:FromAddress"] = "DoNotReply@example.azurecomm.net",
                ["Mail:FromName"] = "Code of Conduct committee",
                ["Mail:Acs:Endpoint"] = "https://coc.europe.communication.azure.com",
                ["Mail:Acs:ClientId"] = "00000000-0000-0000-0000-000000000001",
                ["Mail:Acs:ThrottledWait"] = "00:05:00",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();

        services.AddAcsEmail(configuration.GetSection("Mail"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AcsEmailOptions>>().Value;
        Assert.Equal(new Uri("https://coc.europe.communication.azure.com"), options.Endpoint);
        Assert.Equal("DoNotReply@example.azurecomm.net", options.FromAddress);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ClientId);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ThrottledWait);
        Assert.IsType<AcsEmailSender>(provider.GetRequiredService<IMailSender>());
        Assert.Same(provider.GetRequiredService<IMailSender>(), provider.GetRequiredService<IMailSender>());
    }

    private static AcsEmailSender Sender(FakeAcsEmail acs, ILogger<AcsEmailSender>? logger = null)
    {
        var options = new AcsEmailOptions
        {
            ConnectionString = $"endpoint={acs.Endpoint};accesskey={Convert.ToBase64String(AccessKey)}",
            FromAddress = "committee@reports.example.org",
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
        return new AcsEmailSender(Options.Create(options), TimeProvider.System, logger ?? NullLogger<AcsEmailSender>.Instance);
    }

    /// <summary>Keeps each formatted log line, to check what an operator would read.</summary>
    private sealed class RecordingLogger : ILogger<AcsEmailSender>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
