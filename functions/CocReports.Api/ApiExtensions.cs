using CocReports.Adapters;
using CocReports.Api.Access;
using CocReports.Api.CaseActions;
using CocReports.Api.CasePage;
using CocReports.Api.Committee;
using CocReports.Api.Form;
using CocReports.Api.Intake;
using CocReports.Api.Intake.Mail;
using CocReports.Api.Organizers;
using CocReports.Api.Limits;
using CocReports.Api.OpenCases;
using CocReports.Api.Status;
using CocReports.Api.Transparency;
using CocReports.Procedure.Activities;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Limits;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Organizers;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Transparency;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CocReports.Api;

/// <summary>Everything both hosts need: options, the procedure's services, the Azure adapters and the HTTP handlers.</summary>
public static class ApiExtensions
{
    /// <summary>
    /// The promises: the clock profile's first, then the community's own settings bound over them, so one setting
    /// picks a set of promises and any promise set on its own still wins. The urgent promise's default is given after,
    /// not on the property: a schedule stored without it must read as null.
    /// </summary>
    public static IServiceCollection AddWorkflowOptions(this IServiceCollection services)
    {
        services.AddOptions<WorkflowOptions>()
            .Configure<IConfiguration>((o, configuration) => ClockProfiles.Apply(o, configuration.GetSection(WorkflowOptions.Section).GetValue<ClockProfile>(nameof(WorkflowOptions.Profile))))
            .BindSection(WorkflowOptions.Section)
            .PostConfigure(o => o.UrgentAcknowledgeWithin ??= WorkflowOptions.UrgentAcknowledgeWithinDefault)
            .ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IServiceCollection AddCocReports(this IServiceCollection services, IConfiguration configuration)
    {
        // Every section the same way: bound, checked by its data annotations (and any IValidateOptions registered for
        // it) when the host starts, read through IOptions<T>. Not IOptionsMonitor: a deployed app's settings change
        // only with a restart (App Service restarts the app when an app setting changes), and a value read live would
        // let one part of the app use a new promise or key while another still holds the old one.
        // https://learn.microsoft.com/aspnet/core/fundamentals/configuration/options#options-validation
        services.AddOptions<IntakeOptions>().BindSection(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CommitteeOptions>().BindSection(CommitteeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CommunityOptions>().BindSection(CommunityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddWorkflowOptions();
        services.AddOptions<LinkOptions>().BindSection(LinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<LinkOptions>, LinkKeysValidation>();
        services.AddOptions<FormOptions>().BindSection(FormOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindSection(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailIntakeOptions>().BindSection(MailIntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TransparencyOptions>().BindSection(TransparencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResponseOptions>().BindSection(ResponseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AppealOptions>().BindSection(AppealOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindSection(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuditOptions>().BindSection(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrganizerOptions>().BindSection(OrganizerOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ActionLinks(Value<LinkOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ReporterLinks(Value<LinkOptions>(sp)));
        services.AddSingleton(sp => new SealedSecret(sp.GetRequiredService<ActionLinks>().Keys));
        services.AddSingleton(sp => new AuditChain(sp.GetRequiredService<ActionLinks>().DeriveRecordKey(KeyPurpose.AuditChain), Value<AuditOptions>(sp).KeyedSince));
        services.AddSingleton<MailAnswerBudget>();
        services.AddSingleton<OnceOnlyMail>();
        services.AddSingleton(sp => new ReportValidator(Value<IntakeOptions>(sp), Value<CommitteeOptions>(sp)));

        // The orchestrator and activities, resolvable by both hosts.
        services.AddTransient<ReportWorkflow>();
        services.AddTransient<Announce>();
        services.AddTransient<FindAudience>();
        services.AddTransient<NotifyMember>();
        services.AddTransient<NotifyEscalationContact>();
        services.AddTransient<NotifyReporter>();
        services.AddTransient<NotifyReportedPerson>();
        services.AddTransient<RecordStep>();
        services.AddTransient<PageMembers>();
        services.AddMetrics();
        services.AddSingleton<ProcedureMetrics>();
        services.AddTransient<PurgeEvidence>();
        services.AddTransient<KeepForLaterReport>();

        services.AddSingleton<SubmitReport>();
        services.AddSingleton<ReportWorkflowStart>();
        services.AddSingleton<ReportIntake>();
        services.AddSingleton<IntakeSweep>();
        services.AddSingleton(sp => new ReplyAddress(Value<MailIntakeOptions>(sp), sp.GetRequiredService<ActionLinks>().Keys));
        services.AddSingleton(sp => new MailClassifier(Value<MailIntakeOptions>(sp), sp.GetRequiredService<ReplyAddress>()));
        services.AddSingleton<MailDoorBudget>();
        services.AddSingleton<MailReply>();
        services.AddSingleton<EmailedReportAnswer>();
        services.AddSingleton<EmailedReport>();
        services.AddSingleton<MailImport>();
        services.AddSingleton<MailQuarantine>();
        services.AddSingleton<MailboxPoll>();
        services.AddSingleton<InboundMailWebhook>();
        services.AddSingleton(sp => new OrganizerLinks(Value<LinkOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OrganizerGate>();
        services.AddSingleton<OrganizerIntake>();
        services.AddSingleton<ResponseCheck>();
        services.AddSingleton<MemberLinkGate>();
        services.AddSingleton<CaseActionEndpoint>();
        services.AddSingleton<ReportPatterns>();
        services.AddSingleton<TransparencyDraft>();
        services.AddSingleton<TransparencyPage>();
        services.AddSingleton<TransparencyReview>();
        services.AddSingleton<CaseDesk>();
        services.AddSingleton<CaseEventSweep>();
        services.AddSingleton<Answers>();
        services.AddSingleton<ICaseAction, AcknowledgeAction>();
        services.AddSingleton<ICaseAction, RecuseAction>();
        services.AddSingleton<ICaseAction, FollowUpAction>();
        services.AddSingleton<ICaseAction, StatusUpdateAction>();
        services.AddSingleton<ICaseAction, AskAction>();
        services.AddSingleton<ICaseAction, ResolveAction>();
        services.AddSingleton<ICaseAction, AnswerAction>();
        services.AddSingleton<ICaseAction, ConfirmSenderAction>();
        services.AddSingleton<SenderConfirmation>();
        services.AddSingleton<ICaseAction, IdentifyAction>();
        services.AddSingleton<ICaseAction, NoteAction>();
        services.AddSingleton<ICaseAction, DeclareAction>();
        services.AddSingleton<ICaseAction, MarkUrgentAction>();
        services.AddSingleton<ICaseAction, ExtendResponseAction>();
        services.AddSingleton<ICaseAction, LegalHoldAction>();
        services.AddSingleton<ICaseAction, TellReportedAction>();
        services.AddSingleton<ICaseAction, StatementAction>();
        services.AddSingleton<ICaseAction, AppealAction>();
        services.AddSingleton<ICaseAction, PublicStatementAction>();
        services.AddSingleton<ICaseAction, ConsentAction>();
        services.AddSingleton<ICaseAction, PublishStatementAction>();
        services.AddSingleton<ICaseAction, InterimMeasureAction>();
        services.AddSingleton<ICaseAction, ReviewMeasureAction>();
        services.AddSingleton<GetCommittee>();
        services.AddSingleton<FormConfig>();
        services.AddSingleton<PlainReportForm>();
        services.AddSingleton<StatusPage>();
        services.AddSingleton(sp => new ReceiptLookup(sp.GetRequiredService<IReportStore>()));
        services.AddSingleton<ClientLimits>();

        services.AddCasePage();
        services.AddOpenCases();
        services.AddAzureAdapters(configuration);
        return services;
    }

    static T Value<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
