using System.Diagnostics.Metrics;
using CocReports.Api.Intake.Mail;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Telemetry;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CocReports.IntegrationTests;

/// <summary>
/// What stays in the conduct mailbox (issues 19 and 20), on smtp4dev's real IMAP server and Azurite, each poll run by
/// the test: an imported message is removed (the default), one a person opened is imported all the same, and one
/// larger than the door reads is set aside unread and left for an operator. smtp4dev keeps no keywords, so imports
/// are told apart by storage alone here.
/// </summary>
[Collection(Name)]
public sealed class MailboxCopyTests(MailboxCopyTests.Host host)
{
    public const string Name = "mailbox copy";

    [Fact]
    public async Task An_imported_report_leaves_no_copy_in_the_conduct_mailbox()
    {
        var subject = Unique("Removed once stored");
        await ConductMailbox.SendAsync(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "Someone kept interrupting me."));
        Assert.Equal(1, await ConductMailbox.HeldAsync(subject));

        await PollAsync();

        Assert.Single(await ConductMailbox.ReportsAsync(host, subject));
        Assert.Equal(0, await ConductMailbox.HeldAsync(subject));
    }

    [Fact]
    public async Task A_message_opened_in_a_mail_client_before_the_poll_is_still_imported()
    {
        var subject = Unique("Read by a member first");
        await ConductMailbox.SendAsync(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "It happened at the evening social."));
        await ConductMailbox.OpenAsync(subject);

        await PollAsync();

        Assert.Single(await ConductMailbox.ReportsAsync(host, subject));
    }

    [Fact]
    public async Task A_message_larger_than_the_door_reads_is_set_aside_unread_kept_in_the_mailbox_and_the_operators_told()
    {
        var subject = Unique("Too large to read");
        var message = ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "");
        var body = new BodyBuilder { TextBody = "A recording of the whole session." };
        body.Attachments.Add("session.png", Submissions.Png(Host.MaxMessageBytes), ContentType.Parse("image/png"));
        message.Body = body.ToMessageBody();
        await ConductMailbox.SendAsync(message);

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

        var handed = new List<string>();
        var import = host.Services.GetRequiredService<MailImport>();
        async Task<MailTaken> Import(InboundMail mail, CancellationToken cancellationToken)
        {
            handed.Add(mail.Subject);
            return (await import.ImportAsync(mail, Door.Email, host.CaseWorkflow, cancellationToken)).Taken;
        }

        var mailbox = host.Services.GetRequiredService<IConductMailbox>();
        await mailbox.PollAsync(Import, default);
        await mailbox.PollAsync(Import, default);

        Assert.DoesNotContain(subject, handed);
        Assert.Empty(await ConductMailbox.ReportsAsync(host, subject));
        Assert.Equal(1, await ConductMailbox.HeldAsync(subject));
        Assert.Equal(1, Interlocked.Read(ref quarantined));
    }

    Task<int> PollAsync() => host.Services.GetRequiredService<MailboxPoll>().RunAsync(host.CaseWorkflow, default);

    static string Unique(string subject) => $"{subject} {Guid.NewGuid():N}";

    /// <summary>The conduct mailbox with the product's defaults, polled only when a test says so.</summary>
    public sealed class Host : LocalHostFixture
    {
        /// <summary>A picture of this size is over it once base64-encoded in a message.</summary>
        public const int MaxMessageBytes = 256 * 1024;

        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            ConductMailbox.Configure(settings, Conduct, "a shared secret for the tests", pollEvery: "1.00:00:00");
            settings["MailIntake:MaxMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
