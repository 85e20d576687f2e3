using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CocReports.IntegrationTests;

/// <summary>
/// The email door's budget per sender domain, through smtp4dev's real IMAP mailbox and the webhook: a message over it
/// is deferred, never dropped. It stays unmarked in the mailbox and is imported by a later poll once the window has
/// passed; the webhook answers 429 with Retry-After so the provider delivers it later.
/// </summary>
[Collection(Name)]
public sealed class MailDeferralTests(MailDeferralTests.Host host)
{
    public const string Name = "email door budget";

    [Fact]
    public async Task A_domain_over_its_budget_waits_in_the_mailbox_while_another_domains_report_goes_ahead_and_is_imported_once_the_window_has_passed()
    {
        var flood = $"flood-{Guid.NewGuid():N}.test";
        var subject = Unique("Flooded");
        const int Sent = Host.PerDomain + 2;
        await ConductMailbox.SendAllAsync(Enumerable.Range(0, Sent).Select(i =>
            ConductMailbox.Message($"sender{i}@{flood}", host.Conduct, $"{subject} {i}", $"Report number {i}.")));
        var elsewhere = Unique("From elsewhere");
        await ConductMailbox.SendAsync(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, elsewhere, "Written after the flood."));

        // The report from another domain is taken in the first poll, behind one of the flood's, not behind all of them.
        await ConductMailbox.WaitUntilImportedAsync(elsewhere);
        await ConductMailbox.WaitUntilImportedAsync(subject, Sent, Host.PerDomain);
        Assert.Single(await ReportsAsync(elsewhere));
        Assert.Equal(Host.PerDomain, (await ReportsAsync(subject)).Count);

        // The two left over are imported by a poll after the window, each once.
        var deadline = DateTime.UtcNow + Host.Window + TimeSpan.FromSeconds(40);
        while (await ConductMailbox.ImportedAsync(subject, Sent) < Sent)
        {
            Assert.True(DateTime.UtcNow < deadline, "The deferred messages were not imported after the window.");
            await Task.Delay(500);
        }

        var reports = (await ReportsAsync(subject)).OrderBy(r => r.ReceivedAt).ToList();
        Assert.Equal(Sent, reports.Count);
        Assert.True(reports[^1].ReceivedAt - reports[0].ReceivedAt >= Host.Window - TimeSpan.FromSeconds(1), "A deferred message was imported before its domain's window had passed.");
    }

    [Fact]
    public async Task A_webhook_message_over_its_domains_budget_is_answered_429_with_retry_after_and_nothing_is_stored()
    {
        var domain = $"hook-{Guid.NewGuid():N}.test";
        var subject = Unique("Posted");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= Host.PerDomain; i++)
        {
            answers.Add(await PostAsync(ConductMailbox.Message($"sender{i}@{domain}", host.Conduct, $"{subject} {i}", "Posted by the provider.")));
        }

        Assert.All(answers[..Host.PerDomain], a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var deferred = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, deferred.StatusCode);
        var wait = int.Parse(deferred.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, (int)Host.Window.TotalSeconds);
        Assert.Equal(Host.PerDomain, (await ReportsAsync(subject)).Count);
    }

    async Task<HttpResponseMessage> PostAsync(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        using var request = ConductMailbox.WebhookPost(stream.ToArray(), Host.WebhookSecret, DateTimeOffset.UtcNow);
        return await host.Http.SendAsync(request);
    }

    async Task<List<Report>> ReportsAsync(string subjectPrefix)
    {
        var store = host.Services.GetRequiredService<IReportStore>();
        var found = new List<Report>();
        await foreach (var entity in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            if (entity.GetString("Subject") is { } stored && stored.StartsWith(subjectPrefix, StringComparison.Ordinal))
            {
                found.Add((await store.FindAsync(entity.PartitionKey, default))!);
            }
        }

        return found;
    }

    static string Unique(string subject) => $"{subject} {Guid.NewGuid():N}";

    public sealed class Host : LocalHostFixture
    {
        public const int PerDomain = 3;

        public const string WebhookSecret = "a shared secret for the budget tests";

        /// <summary>Long enough that the first poll's deferrals are seen before it passes on a busy machine.</summary>
        public static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            ConductMailbox.Configure(settings, Conduct, WebhookSecret);
            settings["MailIntake:AuthServId"] = ConductMailbox.AuthServId;
            settings["RateLimits:MailReportsPerSenderDomain:PermitLimit"] = PerDomain.ToString(CultureInfo.InvariantCulture);
            settings["RateLimits:MailReportsPerSenderDomain:Window"] = Window.ToString();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
