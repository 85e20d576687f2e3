using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

        // The connection drops as the receipt names its recipient, twice, however the sender got that session (a
        // kept one is retried once on a new session at once; the second drop leaves it to the workflow's retry).
        host.Relay.DropAtRecipient(reporter, 2);

        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));

        var mail = await host.Inbox.WaitForAsync(m => m.IsTo(reporter), 1, TimeSpan.FromSeconds(60));
        Assert.Contains(receipt.Reference, Assert.Single(mail).Subject, StringComparison.Ordinal);
        Assert.Equal(2, host.Relay.DroppedAt(reporter));
        Assert.DoesNotContain(await StepsAsync(receipt.Reference), r => r.GetString("Step") == CaseStep.MailFailed.Name);
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

    async Task<List<TableEntity>> StepsAsync(string reference)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            rows.Add(row);
        }

        return rows;
    }

    async Task<List<TableEntity>> WaitForStepAsync(string reference, string step, string note)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var matching = (await StepsAsync(reference)).Where(r => r.GetString("Step") == step && r.GetString("Note") == note).ToList();
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

/// <summary>
/// A loopback TCP relay to the SMTP server that can drop connections, as an unreachable or failing server would: every
/// new one, or the one whose client names a given recipient (RCPT TO), on a fresh session or a kept one alike.
/// </summary>
public sealed class SmtpRelay : IDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int target;
    readonly CancellationTokenSource stop = new();
    readonly ConcurrentDictionary<string, int> dropAt = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, int> droppedAt = new(StringComparer.OrdinalIgnoreCase);
    int dropNext;

    public SmtpRelay(int targetPort)
    {
        target = targetPort;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void DropNext(int connections) => Volatile.Write(ref dropNext, connections);

    public void DropAll() => Volatile.Write(ref dropNext, int.MaxValue);

    /// <summary>Drops the next <paramref name="times"/> connections at the moment their client names <paramref name="recipient"/>.</summary>
    public void DropAtRecipient(string recipient, int times) => dropAt[recipient] = times;

    /// <summary>How many connections were dropped as their client named <paramref name="recipient"/>.</summary>
    public int DroppedAt(string recipient) => droppedAt.GetValueOrDefault(recipient);

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
            var up = UpAsync(client.GetStream(), server.GetStream());
            var down = server.GetStream().CopyToAsync(client.GetStream());
            await Task.WhenAny(up, down);
        }
    }

    /// <summary>
    /// The client's commands, line by line, to the server; a recipient to drop at ends the relay before its RCPT TO
    /// goes on. Only the client's side is read: without PIPELINING (smtp4dev offers none) each command is a line of its own.
    /// </summary>
    async Task UpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        var line = new List<byte>();
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                line.Add(buffer[i]);
                if (buffer[i] != '\n')
                {
                    continue;
                }

                if (ShouldDrop(Encoding.Latin1.GetString([.. line])))
                {
                    return;
                }

                line.Clear();
            }

            await to.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    bool ShouldDrop(string command)
    {
        const string Rcpt = "RCPT TO:<";
        if (!command.StartsWith(Rcpt, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var recipient = command[Rcpt.Length..command.IndexOf('>', StringComparison.Ordinal)];
        while (dropAt.TryGetValue(recipient, out var left) && left > 0)
        {
            if (dropAt.TryUpdate(recipient, left - 1, left))
            {
                droppedAt.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }
}
