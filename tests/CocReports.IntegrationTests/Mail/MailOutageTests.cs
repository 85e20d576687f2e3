using System.Globalization;
using Azure.Data.Tables;
using CocReports.Testing;
using CocReports.Procedure.Timeline;

namespace CocReports.IntegrationTests;

/// <summary>
/// The mail server is down when a report arrives, on an smtp4dev of the test's own that it stops and starts again:
/// every connection is refused, as from a server that is down or unreachable. The workflow keeps retrying with its
/// backoff, so once the server is back every mail of the announcement arrives, once, and none is recorded as failed.
/// </summary>
[Collection(Name)]
public sealed class MailOutageTests(MailOutageTests.Host host)
{
    public const string Name = "mail server outage";

    [Fact]
    public async Task Mail_of_a_report_filed_while_the_mail_server_is_down_arrives_once_it_is_back()
    {
        var reporter = Submissions.NewReporter();
        host.MailServer.Stop();
        string reference;
        try
        {
            reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter))))
                .Reference;

            // The announcement ran (it records the report before sending) and its mails met the closed port.
            await WaitForStepAsync(reference, CaseStep.Received.Name);
            await Task.Delay(Outage);
        }
        finally
        {
            await host.MailServer.StartAsync();
        }

        var committee = await host.Inbox.WaitForAsync(
            m => m.Subject.StartsWith("New Code of Conduct report " + reference, StringComparison.Ordinal),
            LocalHostFixture.Members.Length,
            TimeSpan.FromSeconds(90));
        var receipt = await host.Inbox.WaitForAsync(m => m.IsTo(reporter), 1, TimeSpan.FromSeconds(90));

        Assert.Equal(
            LocalHostFixture.Members.Select(m => m.Email).Order(StringComparer.Ordinal),
            committee.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.Single(receipt);
        Assert.DoesNotContain(await StepsAsync(reference), s => s == CaseStep.MailFailed.Name);
    }

    /// <summary>Long enough for the first sends and several of their retries to fail.</summary>
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    async Task WaitForStepAsync(string reference, string step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await StepsAsync(reference)).Contains(step))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No {step} step on the timeline of {reference}.");
            await Task.Delay(250);
        }
    }

    async Task<List<string>> StepsAsync(string reference)
    {
        var steps = new List<string>();
        await foreach (var row in host.Timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            steps.Add(row.GetString("Step"));
        }

        return steps;
    }

    /// <summary>A host whose mail goes to an smtp4dev of its own, with the production retry count and a short first wait.</summary>
    public sealed class Host : LocalHostFixture
    {
        public Smtp4devProcess MailServer { get; } = new();

        protected override Uri Smtp4devUrl => MailServer.Url;

        public override async Task InitializeAsync()
        {
            await MailServer.StartAsync();
            await base.InitializeAsync();
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Mail:Smtp:Port"] = MailServer.SmtpPort.ToString(CultureInfo.InvariantCulture);
            settings["Workflow:MailFirstRetry"] = "00:00:01";
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            MailServer.Dispose();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
