using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using CocReports.Procedure.Reports;
using CocReports.Testing;
using Microsoft.DurableTask.Client;
using CocReports.Procedure.Timeline;

namespace CocReports.IntegrationTests;

/// <summary>
/// Mail through an SMTP relay that drops connections on demand, in front of the real smtp4dev: a failed send is
/// retried by the workflow until it goes through, and one that never goes through is written to the case's
/// timeline without stopping the workflow.
/// </summary>
[Collection(Name)]
public sealed class MailDeliveryTests(MailDeliveryTests.Host host)
{
    public const string Name = "flaky mail";

    [Fact]
    public async Task A_send_that_fails_is_retried_until_the_mail_arrives()
    {
        var reporter = Submissions.NewReporter();
        host.Relay.DropNext(2);

        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));

        var mail = await host.Inbox.WaitForAsync(m => m.IsTo(reporter), 1, TimeSpan.FromSeconds(60));
        Assert.Contains(receipt.Reference, mail[0].Subject, StringComparison.Ordinal);
        Assert.True(host.Relay.Dropped >= 2);
    }

    [Fact]
    public async Task A_send_that_never_succeeds_is_recorded_on_the_timeline_and_the_workflow_goes_on()
    {
        host.Relay.DropAll();
        try
        {
            var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));

            // Every recipient's mail fails on its own schedule; the reporter's receipt is recorded as failed too.
            var failed = await WaitForStepAsync(receipt.Reference, CaseStep.MailFailed.Name, "Receipt to the reporter");
            var instance = await host.Workflows.GetInstanceAsync(WorkflowInstance.For(receipt.Reference));

            Assert.Single(failed);
            Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
        }
        finally
        {
            host.Relay.DropNext(0);
        }
    }

    async Task<List<TableEntity>> WaitForStepAsync(string reference, string step, string note)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var rows = new List<TableEntity>();
            await foreach (var row in host.Timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
            {
                rows.Add(row);
            }

            var matching = rows.Where(r => r.GetString("Step") == step && r.GetString("Note") == note).ToList();
            if (matching.Count > 0)
            {
                return matching;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {step} step for \"{note}\" on the timeline of {reference}.");
            await Task.Delay(500);
        }
    }

    /// <summary>The shared fixture, with mail going through the relay and a short retry policy.</summary>
    public sealed class Host : LocalHostFixture
    {
        public SmtpRelay Relay { get; } = new(TestEnvironment.SmtpPort);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Mail:Smtp:Port"] = Relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Workflow:MailAttempts"] = "3";
            settings["Workflow:MailFirstRetry"] = "00:00:01";
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Relay.Dispose();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}

/// <summary>A loopback TCP relay to the SMTP server that can drop connections, as an unreachable or failing server would.</summary>
public sealed class SmtpRelay : IDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int target;
    readonly CancellationTokenSource stop = new();
    int dropNext;
    int dropped;

    public SmtpRelay(int targetPort)
    {
        target = targetPort;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Dropped => Volatile.Read(ref dropped);

    public void DropNext(int connections) => Volatile.Write(ref dropNext, connections);

    public void DropAll() => Volatile.Write(ref dropNext, int.MaxValue);

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Volatile.Read(ref dropNext) > 0)
            {
                Interlocked.Decrement(ref dropNext);
                Interlocked.Increment(ref dropped);
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(IPAddress.Loopback, target);
            var up = client.GetStream().CopyToAsync(server.GetStream());
            var down = server.GetStream().CopyToAsync(client.GetStream());
            await Task.WhenAny(up, down);
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }
}
