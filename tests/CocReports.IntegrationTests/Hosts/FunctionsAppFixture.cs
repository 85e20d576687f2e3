using CocReports.Functions;
using CocReports.LocalHost;
using CocReports.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CocReports.IntegrationTests;

/// <summary>
/// The Functions app built from its own Program (<see cref="FunctionsApp.Build"/>), its functions run by
/// <see cref="FunctionsHostStandIn"/> on their own loopback port, and beside it the local host on the same storage,
/// keys and task hub: the local host readies storage and serves its twin of every route, and runs no workflows or
/// timers, so every workflow step and timer's work here is the Functions app's. Its members have addresses of their
/// own, so the mail that names no case (digest, transparency draft) is told apart in the shared inbox.
/// </summary>
public sealed class FunctionsAppFixture : LocalHostFixture
{
    public const string WebhookSecret = "a shared secret for the functions app";

    readonly string tag = Guid.NewGuid().ToString("N")[..8];
    readonly int port = LoopbackPorts.Free();
    IHost? functionsApp;
    FunctionsHostStandIn? standIn;

    public string Conduct => $"conduct-{tag}@example.org";

    public Uri FunctionsUrl => new($"http://127.0.0.1:{port}");

    /// <summary>A client of the Functions app's HTTP functions.</summary>
    public HttpClient FunctionsHttp { get; private set; } = null!;

    public FunctionsHostStandIn Functions => standIn!;

    /// <summary>The Functions app's container, as its worker builds it.</summary>
    public IServiceProvider FunctionsServices => functionsApp!.Services;

    public DurableTaskClient FunctionsWorkflows => standIn!.Workflows;

    public string EmailOf(string memberId) => $"{memberId}-{tag}@functions.test";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["LocalHost:Workflows"] = "false";
        for (var i = 0; i < Members.Length; i++)
        {
            settings[$"Committee:Members:{i}:Email"] = EmailOf(Members[i].Id);
        }

        // The conduct mailbox, polled only when the test fires the Functions app's timer.
        ConductMailbox.Configure(settings, Conduct, WebhookSecret, pollEvery: "01:00:00");
        settings["MailIntake:AuthServId"] = ConductMailbox.AuthServId;

        // This week's digest due since an hour ago, sent when the test fires the timer.
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        settings["OpenCases:WeeklyDigest"] = "true";
        settings["OpenCases:DigestDay"] = hourAgo.DayOfWeek.ToString();
        settings["OpenCases:DigestAt"] = hourAgo.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        // The same app as the local host, answering at its own address: the links in its mail lead back to it.
        var settings = Settings();
        settings["Links:PublicBaseUrl"] = FunctionsUrl.AbsoluteUri;
        functionsApp = FunctionsApp.Build([], configuration => configuration.AddInMemoryCollection(settings));

        standIn = new FunctionsHostStandIn(functionsApp.Services, typeof(FunctionsApp).Assembly, FunctionsMetadata.Read());
        await standIn.StartAsync(
            FunctionsUrl,
            new LocalHostOptions
            {
                SidecarPort = 0,
                TaskHubName = TaskHubName,
                WorkerId = TaskHubName + "-functions",
                MessageVisibilityTimeout = TimeSpan.FromSeconds(15),
            },
            StorageConnectionString);
        FunctionsHttp = new HttpClient { BaseAddress = FunctionsUrl };
    }

    public override async Task DisposeAsync()
    {
        FunctionsHttp?.Dispose();
        if (standIn is not null)
        {
            await standIn.DisposeAsync();
        }

        functionsApp?.Dispose();
        await base.DisposeAsync();
    }
}
