using CocReports.Api.Intake.Mail;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// MailIntake:ImportedMail Keep (issue 19), on smtp4dev's real IMAP server and Azurite: the message stays in the
/// conduct mailbox as sent, and storage remembers it was imported, so no later poll makes a second report of it.
/// </summary>
[Collection(Name)]
public sealed class KeptMailTests(KeptMailTests.Host host)
{
    public const string Name = "kept mail";

    [Fact]
    public async Task With_Keep_an_imported_message_stays_in_the_mailbox_and_no_later_poll_imports_it_again()
    {
        var subject = $"Kept as sent {Guid.NewGuid():N}";
        await ConductMailbox.SendAsync(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "Someone mocked my accent."));

        var poll = host.Services.GetRequiredService<MailboxPoll>();
        Assert.Equal(1, await poll.RunAsync(host.CaseWorkflow, default));
        Assert.Equal(0, await poll.RunAsync(host.CaseWorkflow, default));

        Assert.Single(await ConductMailbox.ReportsAsync(host, subject));
        Assert.Equal(1, await ConductMailbox.HeldAsync(subject));
    }

    /// <summary>The conduct mailbox kept by its operator, polled only when a test says so.</summary>
    public sealed class Host : LocalHostFixture
    {
        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            ConductMailbox.Configure(settings, Conduct, "a shared secret for the tests", pollEvery: "1.00:00:00");
            settings["MailIntake:ImportedMail"] = "Keep";
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
