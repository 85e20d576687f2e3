using System.Globalization;
using System.Net;
using CocReports.Testing;
using MimeKit;

namespace CocReports.IntegrationTests;

/// <summary>The inbound-mail webhook counts each client address before it reads a byte of the body.</summary>
[Collection(Name)]
public sealed class WebhookAddressLimitTests(WebhookAddressLimitTests.Host host)
{
    public const string Name = "webhook address limit";
    const int WebhookLimit = 2;
    const string Secret = "a shared secret for the webhook limit";

    [Fact]
    public async Task An_address_over_its_webhook_budget_is_answered_429_with_Retry_After_before_its_body_is_read()
    {
        for (var i = 0; i < WebhookLimit; i++)
        {
            var raw = Raw(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, $"Within the budget {Guid.NewGuid():N}", "A report."));
            using var request = ConductMailbox.WebhookPost(raw, Secret, DateTimeOffset.UtcNow);
            Assert.Equal(HttpStatusCode.Accepted, (await host.Http.SendAsync(request)).StatusCode);
        }

        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var (status, head) = await ConductMailbox.AnswerBeforeBodyAsync(host.BaseUrl, 1000, [("X-Signature-Timestamp", timestamp), ("X-Signature-SHA256", new string('a', 64))]);
        Assert.Equal(429, status);
        Assert.Matches(@"(?im)^Retry-After: [1-9][0-9]*$", head);
    }

    static byte[] Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    public sealed class Host : LocalHostFixture
    {
        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            ConductMailbox.Configure(settings, Conduct, Secret, pollEvery: "1.00:00:00");
            settings["RateLimits:Webhook:PermitLimit"] = WebhookLimit.ToString(CultureInfo.InvariantCulture);
            settings["RateLimits:Webhook:Window"] = "01:00:00";
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
