using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// A stranger floods the conduct address (smtp4dev's real IMAP mailbox) while the mail service rations its sends, as
/// ACS does (a stand-in for ACS on loopback that accepts ten sends every ten seconds and answers 429 with Retry-After
/// beyond them): the door takes its budget of the flood and leaves the rest in the mailbox, the flood's senders get
/// their bounded share of answers, and the committee's notice of a report filed through the form arrives within the
/// promise to acknowledge it, not behind the flood's mail.
/// </summary>
[Collection(Name)]
public sealed class MailFloodTests(MailFloodTests.Host host)
{
    public const string Name = "flooded email door";

    const int Flood = 100;

    [Fact]
    public async Task The_committees_notice_of_a_form_report_arrives_within_its_promise_while_a_hundred_flood_mails_wait_in_the_mailbox()
    {
        var subject = $"Flood {Guid.NewGuid():N}";
        await ConductMailbox.SendAllAsync(Enumerable.Range(0, Flood).Select(i =>
            ConductMailbox.Message($"victim+{i}@example.org", host.Conduct, $"{subject} {i}", $"Flood message {i}.")));

        // The flood is being imported, and its mail sent, when the form's report comes.
        await ConductMailbox.WaitUntilImportedAsync(subject, Flood, 1);
        var filed = DateTimeOffset.UtcNow;
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));

        var promise = TimeSpan.Parse(Host.Promise, CultureInfo.InvariantCulture);
        var notices = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        while (notices.Count < LocalHostFixture.Members.Length)
        {
            foreach (var send in host.Acs.AcceptedSends)
            {
                var (to, mailSubject) = Read(send.Body);
                if (mailSubject.StartsWith("New Code of Conduct report " + receipt.Reference, StringComparison.Ordinal))
                {
                    notices.TryAdd(to, send.ReceivedAt);
                }
            }

            Assert.True(DateTimeOffset.UtcNow - filed < promise, $"Only {notices.Count} of the committee's notices were sent within the {promise.TotalSeconds} s promise.");
            await Task.Delay(250);
        }

        // The door took at most a domain's budget of the flood; the rest waits, unmarked, for later polls.
        var stored = await FloodReportsAsync(subject);
        Assert.InRange(stored, 1, Host.PerDomain);
        Assert.Equal(stored, await ConductMailbox.ImportedAsync(subject, Flood));

        // However many addresses the flood wrote as, the victim's mailbox got no more answers than one sender may.
        var answers = host.Acs.AcceptedSends.Count(s => Read(s.Body).To.StartsWith("victim+", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(answers, 0, Host.Answers);
    }

    static (string To, string Subject) Read(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var to = json.RootElement.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString()!;
        return (to, json.RootElement.GetProperty("content").GetProperty("subject").GetString()!);
    }

    async Task<int> FloodReportsAsync(string subject)
    {
        var count = 0;
        await foreach (var entity in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            count += entity.GetString("Subject")?.StartsWith(subject, StringComparison.Ordinal) == true ? 1 : 0;
        }

        return count;
    }

    /// <summary>A host whose mail goes through the ACS sender to a stand-in for ACS with a sending quota, and whose email door keeps the default budgets.</summary>
    public sealed class Host : LocalHostFixture
    {
        public const int PerDomain = 5;

        public const int Answers = 2;

        /// <summary>Longer than a few rounds of the stand-in's quota: the promise the committee's notice is held to.</summary>
        public const string Promise = "00:01:00";

        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        public FakeAcsEmail Acs { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Acs = (await FakeAcsEmail.StartAsync()).LimitSends(10, TimeSpan.FromSeconds(10));
            await base.InitializeAsync();
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            ConductMailbox.Configure(settings, Conduct, "a shared secret for the flood tests");
            settings["MailIntake:AuthServId"] = ConductMailbox.AuthServId;
            settings["Mail:Transport"] = "Acs";
            settings["Mail:FromAddress"] = "coc@example.org";
            settings["Mail:Acs:ConnectionString"] = $"endpoint={Acs.Endpoint};accesskey={Convert.ToBase64String(new byte[32])}";
            settings["Workflow:AcknowledgeWithin"] = Promise;
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:00:50";

            // The defaults a small community runs with, answers cut to what a managed ACS domain could spare.
            settings["RateLimits:MailReports:PermitLimit"] = "30";
            settings["RateLimits:MailReportsPerSenderDomain:PermitLimit"] = PerDomain.ToString(CultureInfo.InvariantCulture);
            settings["RateLimits:MailAnswers:PermitLimit"] = Answers.ToString(CultureInfo.InvariantCulture);
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
