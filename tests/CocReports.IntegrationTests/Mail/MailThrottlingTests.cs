using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// The mail service throttles (ACS answers 429 with Retry-After, as its per-minute limits do), through the real
/// workflow and the real ACS sender against a stand-in for ACS on loopback: a recipient whose mail was refused for now
/// is asked for again no sooner than the service said, instead of with a second request at once.
/// </summary>
[Collection(Name)]
public sealed class MailThrottlingTests(MailThrottlingTests.Host host)
{
    public const string Name = "throttled mail service";

    const int RetryAfterSeconds = 6;

    [Fact]
    public async Task A_throttled_announcement_is_retried_no_sooner_than_the_mail_service_asked()
    {
        var reporter = Submissions.NewReporter();
        var recipients = LocalHostFixture.Members.Select(m => m.Email).Append(reporter).ToList();

        // The announcement's four mails (three members and the receipt) are refused for now, each the first time it is
        // asked for, told by its recipient and subject: on a loaded machine the first reminder may reach the service
        // before some of them. Everything else is accepted.
        var refused = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        host.Acs.OnSendWhere(send => recipients.FirstOrDefault(r => IsAnnouncementTo(send.Body, r)) is { } to && refused.TryAdd(to, true) ? Throttled : null);
        await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (recipients.Any(r => Sends(r).Count < 2))
        {
            Assert.True(DateTime.UtcNow < deadline, "Not every recipient's mail was asked for again: " + string.Join(", ", recipients.Select(r => $"{r}: {Sends(r).Count}")));
            await Task.Delay(250);
        }

        foreach (var recipient in recipients)
        {
            var sends = Sends(recipient);
            Assert.True(
                sends[1] - sends[0] >= TimeSpan.FromSeconds(RetryAfterSeconds),
                $"{recipient}'s mail was asked for again {(sends[1] - sends[0]).TotalSeconds:0.0} s after a 429 that asked for {RetryAfterSeconds} s.");
        }
    }

    static readonly ScriptedResponse Throttled =
        new(429, null, new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) });

    /// <summary>When ACS was asked to send the announcement's mail to <paramref name="recipient"/>, in order (the reminders that follow are other mails; the reporter gets only the receipt meanwhile).</summary>
    List<DateTimeOffset> Sends(string recipient) =>
        [.. host.Acs.Requests
            .Where(r => r.Method == "POST" && IsAnnouncementTo(r.Body, recipient))
            .Select(r => r.ReceivedAt)
            .Order()];

    static bool IsAnnouncementTo(byte[] body, string recipient)
    {
        using var json = JsonDocument.Parse(body);
        var subject = json.RootElement.GetProperty("content").GetProperty("subject").GetString()!;
        var to = json.RootElement.GetProperty("recipients").GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString()!);
        var isAnnouncement = subject.StartsWith("New Code of Conduct report", StringComparison.Ordinal) || !recipient.EndsWith("@committee.test", StringComparison.Ordinal);
        return isAnnouncement && to.Contains(recipient, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A host whose mail goes through the ACS sender to a stand-in for ACS that accepts whatever isn't scripted.</summary>
    public sealed class Host : LocalHostFixture
    {
        public FakeAcsEmail Acs { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Acs = (await FakeAcsEmail.StartAsync()).OtherwiseOnSend(FakeAcsEmail.Accepted());
            await base.InitializeAsync();
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Mail:Transport"] = "Acs";
            settings["Mail:FromAddress"] = "coc@example.org";
            settings["Mail:Acs:ConnectionString"] = $"endpoint={Acs.Endpoint};accesskey={Convert.ToBase64String(new byte[32])}";
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Acs.DisposeAsync();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
