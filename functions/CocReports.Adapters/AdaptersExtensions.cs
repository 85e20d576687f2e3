using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using CocReports.Adapters.Blobs;
using CocReports.Adapters.Mail;
using CocReports.Adapters.Paging;
using CocReports.Adapters.Mail.Acs;
using CocReports.Adapters.Mail.Inbound;
using CocReports.Adapters.Mail.OpenPgp;
using CocReports.Adapters.Mail.Smtp;
using CocReports.Adapters.Tables;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Limits;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Paging;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters;

/// <summary>Wires the procedure's storage and mail interfaces to Azure Tables, Blobs and the configured mail transport.</summary>
public static class AdaptersExtensions
{
    public static IServiceCollection AddAzureAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound and checked as AddCocReports binds its sections.
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => CreateTableService(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => CreateBlobService(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<StorageLayout>();
        services.AddSingleton<IReportStore>(sp => new TableReportStore(sp.GetRequiredService<StorageLayout>().Reports));
        services.AddSingleton(sp => new TableOpenCasesProjection(sp.GetRequiredService<StorageLayout>().Reports));
        services.AddSingleton<IOpenCasesProjection>(sp => sp.GetRequiredService<TableOpenCasesProjection>());
        services.AddSingleton<ICaseStates>(sp => new TableCaseStates(sp.GetRequiredService<StorageLayout>().Reports, sp.GetRequiredService<TableOpenCasesProjection>()));
        services.AddSingleton<ICaseMessages>(sp => new TableCaseMessages(sp.GetRequiredService<StorageLayout>().Reports, sp.GetRequiredService<TableOpenCasesProjection>()));
        services.AddSingleton<ISentMailLedger>(sp => new TableSentMailLedger(sp.GetRequiredService<StorageLayout>().Reports));
        services.AddSingleton<ILinkLedger>(sp => new TableLinkLedger(sp.GetRequiredService<StorageLayout>().Reports));
        services.AddSingleton<ITimeline>(sp => new TableTimeline(sp.GetRequiredService<StorageLayout>().Timeline));
        services.AddSingleton<IAuditTrail>(sp => new TableAuditTrail(sp.GetRequiredService<StorageLayout>().Audit, sp.GetRequiredService<AuditChain>()));
        services.AddSingleton<IEvidenceStore>(sp => new BlobEvidenceStore(sp.GetRequiredService<StorageLayout>().Evidence));
        services.AddSingleton<IRateLimitStore>(sp => new TableRateLimitStore(sp.GetRequiredService<StorageLayout>().RateLimits, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMemberRevocations>(sp => new TableMemberRevocations(sp.GetRequiredService<StorageLayout>().Revocations));
        services.AddSingleton<IPatternIndex>(sp => new TablePatternIndex(sp.GetRequiredService<StorageLayout>().Patterns));
        services.AddSingleton<IImportFailures>(sp => new TableImportFailures(sp.GetRequiredService<StorageLayout>().ImportFailures));
        services.AddSingleton<IPager>(_ => new HttpPager(new HttpClient()));
        services.AddSingleton<IUntoldCaseEvents>(sp => new TableUntoldCaseEvents(sp.GetRequiredService<StorageLayout>().UntoldCaseEvents));
        services.AddSingleton<IImportedMessages>(sp => new TableImportedMessages(sp.GetRequiredService<StorageLayout>().ImportedMail));
        services.AddSingleton<IPasskeyStore>(sp => new TablePasskeys(sp.GetRequiredService<StorageLayout>().Passkeys));
        services.AddSingleton<IPasskeyResetVouches>(sp => new TablePasskeyResetVouches(sp.GetRequiredService<StorageLayout>().PasskeyResetVouches));
        services.AddHostedService<StorageInitializer>();

        // After the tables exist (hosted services start in the order added).
        services.AddHostedService<RecordKeyGuard>();
        services.AddSingleton<IMailParser, MimeMailParser>();
        services.AddSingleton(sp => ImapSignIn.For(sp.GetRequiredService<IOptions<MailIntakeOptions>>().Value));
        services.AddSingleton<IConductMailbox, ImapConductMailbox>();

        // Checks that need the adapters (the IMAP sign-in, OpenPGP keys), run at start with the sections' own.
        services.AddSingleton<IValidateOptions<MailIntakeOptions>, ImapSignInValidation>();
        services.AddSingleton<IValidateOptions<CommitteeOptions>, CommitteeKeysValidation>();

        var transport = configuration[$"{MailOptions.Section}:Transport"] ?? "Smtp";
        if (transport.Equals("Smtp", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMailSender>(sp => new SmtpMailSender(
                sp.GetRequiredService<IOptions<SmtpOptions>>().Value, sp.GetRequiredService<IOptions<MailOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        }
        else if (transport.Equals("Acs", StringComparison.OrdinalIgnoreCase))
        {
            services.AddAcsEmail(configuration.GetSection(MailOptions.Section));
        }
        else
        {
            throw new InvalidOperationException($"Mail:Transport '{transport}' is not known. Use Smtp or Acs.");
        }

        return services;
    }

    static TableServiceClient CreateTableService(StorageOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(new StorageOutagePolicy(), HttpPipelinePosition.PerCall);
        return options.ConnectionString is { Length: > 0 } connection
            ? new TableServiceClient(connection, clientOptions)
            : new TableServiceClient(options.TableServiceUri ?? throw Missing("Storage:TableServiceUri"), Credential(options), clientOptions);
    }

    static BlobServiceClient CreateBlobService(StorageOptions options)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.AddPolicy(new StorageOutagePolicy(), HttpPipelinePosition.PerCall);
        return options.ConnectionString is { Length: > 0 } connection
            ? new BlobServiceClient(connection, clientOptions)
            : new BlobServiceClient(options.BlobServiceUri ?? throw Missing("Storage:BlobServiceUri"), Credential(options), clientOptions);
    }

    static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrEmpty(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));

    static InvalidOperationException Missing(string setting) =>
        new($"{setting} is required when Storage:ConnectionString is not set.");
}
