using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using CocReports.Adapters.Mail.Acs;
using CocReports.Procedure.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        acs.OnSend(FakeAcsEmail.Accepted()).OnPoll(FakeAcsEmail.Status("Succeeded"));

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
    public async Task Send_polls_the_operation_it_started_until_it_succeeds()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted("NotStarted"))
            .OnPoll(FakeAcsEmail.Status("Running"), FakeAcsEmail.Status("Succeeded"));

        await Sender(acs).SendAsync(Mail, CancellationToken.None);

        var operationId = acs.Requests[0].Header("operation-id");
        var polls = acs.Requests.Skip(1).ToList();
        Assert.Equal(2, polls.Count);
        Assert.All(polls, poll =>
        {
            Assert.Equal("GET", poll.Method);
            Assert.Equal($"/emails/operations/{operationId}?api-version=2023-03-31", poll.RawTarget);
        });
    }

    [Fact]
    public async Task Throttled_send_is_retried_after_the_requested_delay_and_succeeds()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(
                new ScriptedResponse(429, """{"error":{"code":"TooManyRequests","message":"Slow down."}}""", new Dictionary<string, string> { ["Retry-After"] = "1" }),
                FakeAcsEmail.Accepted("Succeeded"));

        await Sender(acs).SendAsync(Mail, CancellationToken.None);

        Assert.Equal(2, acs.Requests.Count);
        Assert.Equal(acs.Requests[0].Header("operation-id"), acs.Requests[1].Header("operation-id"));
        Assert.True(acs.Requests[1].ReceivedAt - acs.Requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900),
            "The retry came before Retry-After elapsed.");
    }

    [Fact]
    public async Task Polling_waits_as_long_as_the_service_asks()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted("Running", retryAfterSeconds: 1)).OnPoll(FakeAcsEmail.Status("Succeeded"));

        await Sender(acs).SendAsync(Mail, CancellationToken.None);

        Assert.True(acs.Requests[1].ReceivedAt - acs.Requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900),
            "The first poll came before retry-after elapsed.");
    }

    [Fact]
    public async Task Failed_operation_surfaces_as_an_exception_so_the_activity_retries()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted()).OnPoll(FakeAcsEmail.Status("Failed", errorCode: "EmailDroppedAllRecipientsSuppressed"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Sender(acs).SendAsync(Mail, CancellationToken.None));

        Assert.Contains("Failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("EmailDroppedAllRecipientsSuppressed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.org", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_send_throws_without_polling()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(new ScriptedResponse(400, """{"error":{"code":"InvalidSenderAddress","message":"Unknown sender."}}"""));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Sender(acs).SendAsync(Mail, CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Single(acs.Requests);
    }

    [Fact]
    public async Task Operation_that_never_finishes_times_out_after_the_configured_polls()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted()).OnPoll(FakeAcsEmail.Status("Running"), FakeAcsEmail.Status("Running"), FakeAcsEmail.Status("Running"));

        await Assert.ThrowsAsync<TimeoutException>(() => Sender(acs, maxPolls: 3).SendAsync(Mail, CancellationToken.None));

        Assert.Equal(4, acs.Requests.Count);
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
                ["Mail:Acs:PollInterval"] = "00:00:05",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();

        services.AddAcsEmail(configuration.GetSection("Mail"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AcsEmailOptions>>().Value;
        Assert.Equal(new Uri("https://coc.europe.communication.azure.com"), options.Endpoint);
        Assert.Equal("DoNotReply@example.azurecomm.net", options.FromAddress);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ClientId);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.IsType<AcsEmailSender>(provider.GetRequiredService<IMailSender>());
        Assert.Same(provider.GetRequiredService<IMailSender>(), provider.GetRequiredService<IMailSender>());
    }

    private static AcsEmailSender Sender(FakeAcsEmail acs, int maxPolls = 10)
    {
        var options = new AcsEmailOptions
        {
            ConnectionString = $"endpoint={acs.Endpoint};accesskey={Convert.ToBase64String(AccessKey)}",
            FromAddress = "committee@reports.example.org",
            PollInterval = TimeSpan.FromMilliseconds(20),
            MaxPolls = maxPolls,
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
        return new AcsEmailSender(Options.Create(options), TimeProvider.System, NullLogger<AcsEmailSender>.Instance);
    }
}
