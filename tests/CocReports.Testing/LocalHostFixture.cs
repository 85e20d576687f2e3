using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CocReports.LocalHost;
using CocReports.Procedure.Links;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.Testing;

/// <summary>
/// Starts the real local host in-process on a free loopback port, against test.sh's Azurite and smtp4dev, with
/// its own task hub, tables and container so runs never see each other's data. Deadlines are seconds long.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    public const string AcknowledgeWithin = "00:00:08";
    public const string RemindAfter = "00:00:04";
    public const string FollowUpWithin = "00:00:16";
    public const string FollowUpRemindAfter = "00:00:12";
    public const string StatusUpdateGrace = "00:00:03";
    public const string RetentionPeriod = "00:00:12";
    public const string RetentionWarningBefore = "00:00:06";
    public const string EscalationAddress = "board@escalation.test";

    readonly string runId = "t" + Guid.NewGuid().ToString("N")[..10];
    readonly string storageId;
    readonly int port = LoopbackPorts.Free();
    WebApplication? app;
    Inbox? inbox;

    public LocalHostFixture()
    {
        storageId = runId;
        SigningKey = NewKey();
    }

    /// <summary>
    /// A second instance of the same app, as Azure runs when it scales out: the same tables, container and keys as
    /// <paramref name="sameAppAs"/>; its own port and task hub (the local sidecar holds one worker per hub).
    /// </summary>
    protected LocalHostFixture(LocalHostFixture sameAppAs)
    {
        storageId = sameAppAs.storageId;
        SigningKey = sameAppAs.SigningKey;
        PreviousSigningKey = sameAppAs.PreviousSigningKey;
        RecordKey = sameAppAs.RecordKey;
    }

    public string SigningKey { get; private set; }

    /// <summary>The signing key before <see cref="RotateSigningKeyAsync"/>; null until then.</summary>
    public string? PreviousSigningKey { get; private set; }

    /// <summary>Links:RecordKey: unset, as in every deployment from before it existed, until <see cref="RotateSigningKeyAsync"/>.</summary>
    public string? RecordKey { get; private set; }

    /// <summary>The durable task hub this host's workflows run in.</summary>
    public string TaskHubName => runId;

    public Uri BaseUrl => new($"http://127.0.0.1:{port}");

    /// <summary>test.sh's Azurite, unless a fixture brings its own (to stop it, say).</summary>
    public virtual string StorageConnectionString => TestEnvironment.StorageConnectionString;

    /// <summary>The running host's services, for tests that stand where a crash would leave things.</summary>
    public IServiceProvider Services => app!.Services;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The mail test.sh's smtp4dev received, or the fixture's own server's (<see cref="Smtp4devUrl"/>).</summary>
    public Inbox Inbox => inbox ??= new(Smtp4devUrl);

    /// <summary>test.sh's smtp4dev, unless a fixture brings its own (to stop it, say).</summary>
    protected virtual Uri Smtp4devUrl => TestEnvironment.Smtp4devUrl;

    public TableClient Reports => new TableServiceClient(StorageConnectionString).GetTableClient(storageId + "Reports");

    public TableClient Timeline => new TableServiceClient(StorageConnectionString).GetTableClient(storageId + "Timeline");

    public TableClient Audit => new TableServiceClient(StorageConnectionString).GetTableClient(storageId + "Audit");

    public TableClient RateLimits => new TableServiceClient(StorageConnectionString).GetTableClient(storageId + "RateLimits");

    public TableClient Revocations => new TableServiceClient(StorageConnectionString).GetTableClient(storageId + "Revocations");

    public BlobContainerClient Evidence => new BlobServiceClient(StorageConnectionString).GetBlobContainerClient(storageId + "-evidence");

    public async Task<List<string>> EvidenceBlobsAsync(string reference)
    {
        var names = new List<string>();
        await foreach (var blob in Evidence.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, reference + "/", default))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public DurableTaskClient Workflows => app!.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The engine as the app's own code sees it, for tests that call a door's handler directly.</summary>
    public ICaseWorkflow CaseWorkflow => app!.Services.GetRequiredService<ICaseWorkflow>();

    public ActionLinks Links(TimeProvider? clock = null) =>
        new(new LinkOptions { SigningKey = SigningKey, PreviousSigningKey = PreviousSigningKey, RecordKey = RecordKey, PublicBaseUrl = BaseUrl }, clock ?? TimeProvider.System);

    public static readonly (string Id, string Name, string Email)[] Members =
    [
        ("alex", "Alex Rivera", "alex@committee.test"),
        ("sam", "Sam Okafor", "sam@committee.test"),
        ("kim", "Kim Tanaka", "kim@committee.test"),
    ];

    public virtual async Task InitializeAsync()
    {
        await StartAsync();
        Http = new HttpClient { BaseAddress = BaseUrl };
    }

    /// <summary>Stops the host as a crash or a deployment would, then starts it again on the same storage.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    async Task StartAsync()
    {
        app = LocalHostApp.Build(
            [$"--urls={BaseUrl}", "--environment=Development"],
            ConfigureSources);
        await app.StartAsync();
    }

    async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    /// <summary>
    /// Rotates the link-signing key as infra/README.md tells an operator to: the record key set to the signing key's
    /// value if it was not set yet, a new signing key, the old one kept as the previous key, and the host restarted.
    /// </summary>
    public Task RotateSigningKeyAsync()
    {
        RecordKey ??= SigningKey;
        PreviousSigningKey = SigningKey;
        SigningKey = NewKey();
        return RestartAsync();
    }

    /// <summary>
    /// Restarts the host with a record key of its own, as a deployment where azd generated one instead of keeping the
    /// signing key's value would; the host must refuse to start (<see cref="Procedure.Links.RecordKeyCheck"/>).
    /// </summary>
    public Task RestartWithNewRecordKeyAsync()
    {
        RecordKey = NewKey();
        return RestartAsync();
    }

    static string NewKey() => Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());

    /// <summary>
    /// The host's configuration: its appsettings.json, then <see cref="Settings"/>. A fixture that must take a setting
    /// away (a member the appsettings name, say), which no added source can, overrides this.
    /// </summary>
    protected virtual void ConfigureSources(IConfigurationBuilder configuration) => configuration.AddInMemoryCollection(Settings());

    /// <summary>Settings a derived fixture adds or replaces (allowed embedding origins, say).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>The settings the host starts with; a fixture that builds another door into the same app starts it with these too.</summary>
    protected Dictionary<string, string?> Settings()
    {
        var settings = SettingsFor(runId, storageId, StorageConnectionString, SigningKey, BaseUrl);
        if (PreviousSigningKey is not null)
        {
            settings["Links:PreviousSigningKey"] = PreviousSigningKey;
        }

        if (RecordKey is not null)
        {
            settings["Links:RecordKey"] = RecordKey;
        }

        Configure(settings);
        return settings;
    }

    /// <summary>The test hosts' <c>Audit:KeyedSince</c>: before any test's case, after the plain trails a test forges.</summary>
    public static readonly DateTimeOffset KeyedSince = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Everything a test host is configured with: its own task hub (<paramref name="runId"/>), tables and container
    /// (<paramref name="storageId"/>), test.sh's smtp4dev, deadlines of seconds. Also used by tests that run the local
    /// host as a process of its own.
    /// </summary>
    public static Dictionary<string, string?> SettingsFor(string runId, string storageId, string storageConnectionString, string signingKey, Uri baseUrl)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:TablePrefix"] = storageId,
            ["Storage:EvidenceContainer"] = storageId + "-evidence",
            ["LocalHost:TaskHubName"] = runId,
            ["LocalHost:WorkerId"] = runId,
            ["LocalHost:SidecarPort"] = "0",
            ["LocalHost:MessageVisibilityTimeout"] = "00:00:15",
            ["Mail:Transport"] = "Smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = TestEnvironment.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Community:Name"] = "Test Community",

            // Every reporter writes from reporters.test: the email door's budgets are tested on hosts of their own (MailFloodTests).
            ["RateLimits:MailReports:PermitLimit"] = "100000",
            ["RateLimits:MailReportsPerSenderDomain:PermitLimit"] = "100000",
            ["RateLimits:MailAnswers:PermitLimit"] = "100000",

            // Most tests read the report in the committee's mail; ReportContentTests runs the default, None, on its own host.
            ["Notifications:Content"] = "Full",
            ["Committee:EscalationContacts:0:Name"] = "Board",
            ["Committee:EscalationContacts:0:Email"] = EscalationAddress,
            ["Links:SigningKey"] = signingKey,
            ["Links:PublicBaseUrl"] = baseUrl.AbsoluteUri,
            ["Intake:MaxFileBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Intake:MaxReportBytes"] = (3 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Intake:MaxFiles"] = "3",
            ["Workflow:AcknowledgeWithin"] = AcknowledgeWithin,
            ["Workflow:AcknowledgeRemindAfter:0"] = RemindAfter,
            ["Workflow:OverdueRepeatEvery"] = "01:00:00",
            ["Workflow:UrgentRepeatEvery"] = "01:00:00",
            ["Workflow:MailFirstRetry"] = "00:00:01",
            ["Workflow:FollowUpWithin"] = FollowUpWithin,
            ["Workflow:FollowUpRemindAfter:0"] = FollowUpRemindAfter,
            ["Workflow:StatusUpdateGrace"] = StatusUpdateGrace,
            ["Workflow:RetentionPeriod"] = RetentionPeriod,
            ["Workflow:RetentionWarningBefore"] = RetentionWarningBefore,
            ["Workflow:WaitsPerGeneration"] = "3",

            // The local appsettings poll run.sh's mailbox; only the email tests poll one, their own.
            ["MailIntake:ImapHost"] = "",

            // As a deployment whose audit trails began before the chain was keyed: every test's case comes after.
            ["Audit:KeyedSince"] = KeyedSince.ToString("O", System.Globalization.CultureInfo.InvariantCulture),

            // Every test comes from 127.0.0.1: the budgets are out of reach unless a test's own host lowers them.
            ["RateLimits:Intake:PermitLimit"] = "1000000",
            ["RateLimits:Status:PermitLimit"] = "1000000",
        };
        for (var i = 0; i < Members.Length; i++)
        {
            settings[$"Committee:Members:{i}:Id"] = Members[i].Id;
            settings[$"Committee:Members:{i}:Name"] = Members[i].Name;
            settings[$"Committee:Members:{i}:Email"] = Members[i].Email;
        }

        return settings;
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        inbox?.Dispose();
        await StopAsync();
    }
}
