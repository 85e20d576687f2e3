using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using CocReports.Api.Intake.Mail;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CocReports.IntegrationTests;

/// <summary>
/// Messages the import fails on (issue 20), read from smtp4dev's real IMAP server into Azurite, each poll run by the
/// test so that a poll counted is a poll run: a message that fails every time holds back no later report, leaves no
/// evidence behind and is set aside after three tries, by either door; and the messages that used to fail every time
/// are stored.
/// </summary>
[Collection(Name)]
public sealed class PoisonMailTests(PoisonMailTests.Host host)
{
    public const string Name = "poison mail";

    /// <summary>As many as one poll takes: with the later report, more than one poll can.</summary>
    const int PoisonCount = 50;

    [Fact]
    public async Task More_failing_messages_than_one_poll_takes_hold_back_no_later_report_and_are_set_aside_after_three_tries()
    {
        var poison = Unique("Cannot be read");
        for (var i = 0; i < PoisonCount; i++)
        {
            var message = ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, $"{poison} {i:D2}", "");
            var body = new BodyBuilder { TextBody = "Two screenshots, then a file that cannot be read." };
            body.Attachments.Add("first.png", Submissions.Png(600), ContentType.Parse("image/png"));
            body.Attachments.Add("second.png", Submissions.Png(600), ContentType.Parse("image/png"));
            message.Body = body.ToMessageBody();
            await ConductMailbox.SendAsync(message);
        }

        var later = Unique("After the unreadable ones");
        await ConductMailbox.SendAsync(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, later, "A report sent after them."));

        var tries = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var import = host.Services.GetRequiredService<MailImport>();
        async Task<MailTaken> Import(InboundMail mail, CancellationToken cancellationToken)
        {
            if (mail.Subject.StartsWith(poison, StringComparison.Ordinal))
            {
                // Fails every time after its screenshots were stored, as a message whose last part cannot be decoded would.
                tries.AddOrUpdate(mail.Subject, 1, (_, count) => count + 1);
                mail = mail with { Attachments = [.. mail.Attachments, new InboundAttachment("third.png", () => throw new IOException("Unreadable."))] };
            }

            return (await import.ImportAsync(mail, Door.Email, host.CaseWorkflow, cancellationToken)).Taken;
        }

        long quarantined = 0;
        using var alerts = new MeterListener();
        alerts.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Name: "cocreports.mails.quarantined", Meter.Name: ProcedureMetrics.MeterName })
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        alerts.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref quarantined, value));
        alerts.Start();

        // The first poll takes only failing messages; the second takes the one it never tried before trying them again.
        var mailbox = host.Services.GetRequiredService<IConductMailbox>();
        Assert.Equal(PoisonCount, await mailbox.PollAsync(Import, default));
        Assert.Empty(await ReportsWithSubjectAsync(later));
        await mailbox.PollAsync(Import, default);
        Assert.Single(await ReportsWithSubjectAsync(later));

        // Three tries of each, fifty a poll: two more polls set the rest aside, and none takes them again.
        await mailbox.PollAsync(Import, default);
        await mailbox.PollAsync(Import, default);
        Assert.Equal(0, await mailbox.PollAsync(Import, default));
        Assert.Equal(PoisonCount, tries.Count);
        Assert.All(tries.Values, count => Assert.Equal(MailQuarantine.Tries, count));
        Assert.Equal(PoisonCount, Interlocked.Read(ref quarantined));
        await AssertEveryEvidenceFileIsListedAsync();
    }

    [Fact]
    public async Task A_message_with_thirty_attachments_under_long_foreign_names_becomes_a_report_that_lists_what_it_left_out()
    {
        var subject = Unique("Thirty files");
        var body = new BodyBuilder { TextBody = "Everything they sent me, as I got it." };
        for (var i = 0; i < 30; i++)
        {
            // 200 characters each, none of them ASCII: stored as JSON, each one takes six.
            var name = $"{i:D2}" + string.Concat(Enumerable.Repeat("переписка", 22))[..194] + ".bin";
            body.Attachments.Add(name, [0x50, 0x4B, 0x03, 0x04, .. new byte[60]], ContentType.Parse("application/octet-stream"));
        }

        var message = ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "");
        message.Body = body.ToMessageBody();
        await ConductMailbox.SendAsync(message);

        await PollAsync();

        var report = Assert.Single(await ReportsWithSubjectAsync(subject));
        Assert.Empty(report.Evidence);
        // Ten listed by name and reason, and one line for the rest.
        Assert.Equal(11, report.RefusedEvidence.Count);
        Assert.Contains("20 more", report.RefusedEvidence[^1].FileName, StringComparison.Ordinal);
        Assert.Equal(0, await ConductMailbox.HeldAsync(subject));
    }

    [Fact]
    public async Task An_anonymous_report_whose_receipt_cannot_be_sent_is_kept_and_imported_once()
    {
        var subject = Unique("[anonymous] The mail server refuses my address");
        var sender = $"anonymous-{Guid.NewGuid():N}@{TestEnvironment.RefusedDomain}";
        await ConductMailbox.SendAsync(ConductMailbox.Message(sender, host.Conduct, subject, "Please keep my name out of it."));

        await PollAsync();

        var report = Assert.Single(await ReportsWithSubjectAsync(subject));
        Assert.True(report.Details.IsAnonymous);
        Assert.Equal(0, await ConductMailbox.HeldAsync(subject));
    }

    [Fact]
    public async Task A_message_the_webhook_can_never_read_is_answered_500_until_its_third_delivery_sets_it_aside()
    {
        // An empty body is signed like any other, and no parser makes a message of it.
        byte[] raw = [];
        var answers = new List<HttpStatusCode>();
        for (var delivery = 0; delivery < 4; delivery++)
        {
            using var request = ConductMailbox.WebhookPost(raw, Host.WebhookSecret, DateTimeOffset.UtcNow);
            using var response = await host.Http.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        // Delivered again while it might be a passing failure; then refused, so the provider stops.
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.UnprocessableContent, HttpStatusCode.UnprocessableContent], answers);
    }

    [Fact]
    public async Task An_import_that_fails_leaves_none_of_the_evidence_it_stored()
    {
        var import = host.Services.GetRequiredService<MailImport>();
        var mail = new InboundMail(
            null,
            Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            Submissions.NewReporter(),
            null,
            null,
            [host.Conduct],
            Unique("Fails on its third file"),
            "Two screenshots, then a file that cannot be read.",
            [
                new InboundAttachment("first.png", () => new MemoryStream(Submissions.Png(600))),
                new InboundAttachment("second.png", () => new MemoryStream(Submissions.Png(600))),
                new InboundAttachment("third.png", () => throw new IOException("Unreadable.")),
            ]);

        await Assert.ThrowsAsync<IOException>(() => import.ImportAsync(mail, Door.Email, host.CaseWorkflow, default));

        await AssertEveryEvidenceFileIsListedAsync();
    }

    Task<int> PollAsync() => host.Services.GetRequiredService<MailboxPoll>().RunAsync(host.CaseWorkflow, default);

    async Task AssertEveryEvidenceFileIsListedAsync()
    {
        var store = host.Services.GetRequiredService<IReportStore>();
        await foreach (var blob in host.Evidence.GetBlobsAsync())
        {
            var report = await store.FindAsync(blob.Name.Split('/')[0], default);
            Assert.True(report?.Evidence.Any(e => e.BlobName == blob.Name) == true, $"No stored report lists {blob.Name}.");
        }
    }

    async Task<List<Report>> ReportsWithSubjectAsync(string subject)
    {
        var store = host.Services.GetRequiredService<IReportStore>();
        var found = new List<Report>();
        await foreach (var entity in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            if (entity.GetString("Subject") == subject)
            {
                found.Add((await store.FindAsync(entity.PartitionKey, default))!);
            }
        }

        return found;
    }

    static string Unique(string subject) => $"{subject} {Guid.NewGuid():N}";

    /// <summary>The conduct mailbox, polled only when a test says so.</summary>
    public sealed class Host : LocalHostFixture
    {
        public const string WebhookSecret = "a shared secret for the tests";

        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            ConductMailbox.Configure(settings, Conduct, WebhookSecret, pollEvery: "1.00:00:00");

            // The product's own limit: how many files a report keeps decides how long its stored list of them is.
            settings["Intake:MaxFiles"] = "10";
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
