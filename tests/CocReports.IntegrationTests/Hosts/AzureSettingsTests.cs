using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CocReports.Adapters;
using CocReports.Adapters.Mail.Acs;
using CocReports.Adapters.Mail.Inbound;
using CocReports.Api;
using CocReports.Api.Form;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CocReports.IntegrationTests;

/// <summary>
/// The configuration Azure gives the Functions app: app settings (environment variables, "__" for ":") as
/// infra/main.bicep writes them, identity-based storage and ACS email. Built the way the Functions app's Program
/// builds its services, without a subscription.
/// </summary>
public sealed partial class AzureSettingsTests : IDisposable
{
    // What the template sets for a deployment with two members, one escalation contact and one embedding site.
    static readonly Dictionary<string, string> AppSettings = new()
    {
        ["Community__Name"] = "Example Community",
        ["Notifications__Content"] = "Summary",
        ["OpenCases__WeeklyDigest"] = "False", // as ARM's string() writes a bool
        ["OpenCases__DigestDay"] = "Friday",
        ["OpenCases__DigestAt"] = "16:30",
        ["Committee__Members__0__Id"] = "alex",
        ["Committee__Members__0__Name"] = "Alex Rivera",
        ["Committee__Members__0__Email"] = "alex@example.org",
        ["Committee__Members__1__Id"] = "sam",
        ["Committee__Members__1__Name"] = "Sam Okafor",
        ["Committee__Members__1__Email"] = "sam@example.org",
        ["Committee__EscalationContacts__0__Name"] = "Board",
        ["Committee__EscalationContacts__0__Email"] = "board@example.org",
        ["Form__AllowedOrigins__0"] = "https://form.example.org",
        ["Form__EmergencyNotice"] = "Call 112.",
        ["Workflow__AcknowledgeWithin"] = "2.00:00:00",
        ["Workflow__FollowUpWithin"] = "7.00:00:00",
        ["Workflow__StatusUpdateEvery"] = "7.00:00:00",
        ["Workflow__RetentionPeriod"] = "365.00:00:00",
        ["Links__SigningKey"] = Convert.ToBase64String(new byte[48]),
        ["Links__RecordKey"] = Convert.ToBase64String([.. Enumerable.Repeat((byte)1, 48)]),
        ["Links__PublicBaseUrl"] = "https://func-coc-abc.azurewebsites.net",
        ["Mail__Transport"] = "Acs",
        ["Mail__FromAddress"] = "DoNotReply@abc.azurecomm.net",
        ["Mail__FromName"] = "Code of Conduct committee",
        ["Mail__Acs__Endpoint"] = "https://acs-coc-abc.europe.communication.azure.com",
        ["Mail__Acs__ClientId"] = "00000000-0000-0000-0000-000000000001",
        ["Storage__BlobServiceUri"] = "https://stcocabc.blob.core.windows.net",
        ["Storage__TableServiceUri"] = "https://stcocabc.table.core.windows.net",
        ["Storage__ClientId"] = "00000000-0000-0000-0000-000000000001",
    };

    readonly string prefix = $"COCTEST{Guid.NewGuid():N}_";
    readonly IHost host;

    public AzureSettingsTests()
    {
        foreach (var (key, value) in AppSettings)
        {
            Environment.SetEnvironmentVariable(prefix + key, value);
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables(prefix);
        builder.Services.AddCocReports(builder.Configuration);
        host = builder.Build();
    }

    [Fact]
    public void Every_setting_the_tests_use_is_one_the_template_writes()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CocFunctions.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var bicep = File.ReadAllText(Path.Combine(root, "infra", "main.bicep")) + File.ReadAllText(Path.Combine(root, "infra", "modules", "functionapp.bicep"));

        // Enumerated settings are written in a loop: Committee__Members__${i}__Name.
        Assert.All(AppSettings.Keys, key => Assert.Contains(Index().Replace(key, "__${i}"), bicep, StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_is_reached_by_service_uri_and_identity_never_by_key()
    {
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var tables = host.Services.GetRequiredService<TableServiceClient>();
        var blobs = host.Services.GetRequiredService<BlobServiceClient>();

        Assert.Null(storage.ConnectionString);
        Assert.Equal("stcocabc", tables.AccountName);
        Assert.Equal(new Uri("https://stcocabc.blob.core.windows.net"), blobs.Uri);
        Assert.False(blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void Mail_goes_through_azure_communication_services_with_the_managed_identity()
    {
        Assert.IsType<AcsEmailSender>(host.Services.GetRequiredService<IMailSender>());
        var acs = host.Services.GetRequiredService<IOptions<AcsEmailOptions>>().Value;
        Assert.Equal(new Uri("https://acs-coc-abc.europe.communication.azure.com"), acs.Endpoint);
        Assert.Equal("00000000-0000-0000-0000-000000000001", acs.ClientId);
        Assert.True(string.IsNullOrEmpty(acs.ConnectionString));
    }

    [Fact]
    public void The_committee_the_promises_and_the_form_bind_from_app_settings()
    {
        var committee = host.Services.GetRequiredService<IOptions<CommitteeOptions>>().Value;
        var workflow = host.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var form = host.Services.GetRequiredService<IOptions<FormOptions>>().Value;

        Assert.Equal(["Alex Rivera", "Sam Okafor"], committee.Members.Select(m => m.Name));
        Assert.Equal("board@example.org", Assert.Single(committee.EscalationContacts).Email);
        Assert.Equal(TimeSpan.FromDays(2), workflow.AcknowledgeWithin);
        Assert.Equal(TimeSpan.FromDays(365), workflow.RetentionPeriod);
        Assert.Equal(["https://form.example.org"], form.AllowedOrigins);
        Assert.Equal(NotificationContent.Summary, host.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.Content);
        var digest = host.Services.GetRequiredService<IOptions<OpenCasesOptions>>().Value;
        Assert.Equal((false, DayOfWeek.Friday, new TimeOnly(16, 30)), (digest.WeeklyDigest, digest.DigestDay, digest.DigestAt));
        Assert.StartsWith("https://func-coc-abc.azurewebsites.net/api/reports/", host.Services.GetRequiredService<ActionLinks>().Create("COC-0000-0000", "alex", CaseAction.View).AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transparency_k_below_3_stops_the_app_at_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables(prefix);
        builder.Configuration.AddInMemoryCollection([new("Transparency:K", "2")]);
        builder.Services.AddCocReports(builder.Configuration);
        using var withTwo = builder.Build();

        // What the host checks first when it starts, before any hosted service; the settings above pass it.
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        var refused = Assert.Throws<OptionsValidationException>(withTwo.Services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains("Transparency:K must be at least 3", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SigningKey", "not a key!", "Links:SigningKey is not base64")]
    [InlineData("SigningKey", "c2hvcnQ=", "Links:SigningKey is 5 bytes")]
    [InlineData("SigningKey", "", "Links:SigningKey is empty")]
    [InlineData("PreviousSigningKey", "c2hvcnQ=", "Links:PreviousSigningKey is 5 bytes")]
    [InlineData("RecordKey", "not a key!", "Links:RecordKey is not base64")]
    public void A_malformed_link_key_stops_the_app_at_start_naming_the_setting(string setting, string value, string expected)
    {
        using var withBadKey = Build(new() { [$"Links:{setting}"] = value });

        var refused = Assert.Throws<OptionsValidationException>(withBadKey.Services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Contains("base64 key of at least 32 bytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Microsoft_365_mailbox_without_its_client_secret_stops_the_app_at_start()
    {
        // As infra/main.bicep writes them with conductImapSignIn=Microsoft365; the secret is a Key Vault reference there.
        Dictionary<string, string?> mailbox = new()
        {
            ["MailIntake:Address"] = "conduct@example.org",
            ["MailIntake:ImapHost"] = "outlook.office365.com",
            ["MailIntake:UserName"] = "conduct@example.org",
            ["MailIntake:SignIn"] = "Microsoft365",
            ["MailIntake:TenantId"] = "contoso.onmicrosoft.com",
            ["MailIntake:ClientId"] = "conduct-mailbox-reader",
        };
        using var withoutSecret = Build(mailbox);
        using var withSecret = Build(new(mailbox) { ["MailIntake:ClientSecret"] = "a-secret" });

        var refused = Assert.Throws<OptionsValidationException>(withoutSecret.Services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains("MailIntake:ClientSecret is required when MailIntake:SignIn is Microsoft365", refused.Message, StringComparison.Ordinal);

        withSecret.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<ImapConductMailbox>(withSecret.Services.GetRequiredService<IConductMailbox>());
    }

    IHost Build(Dictionary<string, string?> overrides)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables(prefix);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddCocReports(builder.Configuration);
        return builder.Build();
    }

    public void Dispose()
    {
        host.Dispose();
        foreach (var key in AppSettings.Keys)
        {
            Environment.SetEnvironmentVariable(prefix + key, null);
        }
    }

    [GeneratedRegex(@"__\d+(?=__|$)")]
    private static partial Regex Index();
}
