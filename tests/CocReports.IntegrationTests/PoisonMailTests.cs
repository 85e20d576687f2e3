using Azure.Data.Tables;
using CocReports.Api.Intake.Mail;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CocReports.IntegrationTests;

/// <summary>
/// Messages the import used to fail on at every poll (issue 20), read from smtp4dev's real IMAP server into Azurite,
/// each poll run by the test so that a poll counted is a poll run.
/// </summary>
[Collection(Name)]
public sealed class PoisonMailTests(PoisonMailTests.Host host)
{
    public const string Name = "poison mail";

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
        Assert.Equal(1, await ConductMailbox.ImportedAsync(subject));
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
        Assert.Equal(1, await ConductMailbox.ImportedAsync(subject));
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

        await Assert.ThrowsAsync<IOException>(() => import.ImportAsync(mail, Door.Email, host.Workflows, default));

        await AssertEveryEvidenceFileIsListedAsync();
    }

    Task<int> PollAsync() => host.Services.GetRequiredService<MailboxPoll>().RunAsync(host.Workflows, default);

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
        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["MailIntake:Address"] = Conduct;
            settings["MailIntake:ImapHost"] = "127.0.0.1";
            settings["MailIntake:ImapPort"] = TestEnvironment.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["MailIntake:ImapSecurity"] = "None";
            settings["MailIntake:UserName"] = "conduct";
            settings["MailIntake:Password"] = "local";
            settings["MailIntake:OnlyAddressedToConduct"] = "true";
            settings["MailIntake:PollEvery"] = "1.00:00:00";

            // The product's own limit: how many files a report keeps decides how long its stored list of them is.
            settings["Intake:MaxFiles"] = "10";
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
