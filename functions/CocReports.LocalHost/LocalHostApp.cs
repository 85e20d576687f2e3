using System.Net;
using CocReports.Adapters;
using CocReports.Api;
using CocReports.Api.Engine;
using CocReports.Api.Form;
using CocReports.Api.Telemetry;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Limits;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace CocReports.LocalHost;

/// <summary>Builds the local host. Kept apart from Program so tests can start and stop it in-process.</summary>
public static class LocalHostApp
{
    public const string CorsPolicy = "embedders";

    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Kestrel faces clients directly here, so X-Forwarded-For is whatever the client wrote: off unless configured,
        // as behind a proxy that appends the client's address the way the platform's front end does in Azure.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new($"{RateLimitOptions.Section}:{nameof(RateLimitOptions.TrustForwardedFor)}", "false")],
        });
        configure?.Invoke(builder.Configuration);

        // These two decide which services and sidecar there are, so they are read before the container exists; they
        // are also bound and checked at start like every other section.
        var options = builder.Configuration.GetSection(LocalHostOptions.Section).Get<LocalHostOptions>() ?? new LocalHostOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<IntakeOptions>>(
            (kestrel, intake) => kestrel.Limits.MaxRequestBodySize = intake.Value.MaxRequestBytes);

        builder.Services.AddCocReports(builder.Configuration);
        builder.Logging.AddCocReportsLogging();

        builder.Services.AddProblemDetails();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<FormOptions>>((cors, form) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. form.Value.AllowedOrigins])
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Accept", "Idempotency-Key")
            .WithExposedHeaders("Retry-After")));

        // Registered before the worker: started first, stopped after it.
        var sidecar = new DurableTaskSidecar(
            options,
            storage.ConnectionString ?? throw new InvalidOperationException("Storage:ConnectionString is required by the local host."),
            LoggerFactory.Create(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning)));
        builder.Services.AddHostedService(_ => sidecar);
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(sidecar.Address.AbsoluteUri));
        builder.Services.AddSingleton<ICaseWorkflow>(services => new DurableCaseWorkflow(services.GetRequiredService<DurableTaskClient>()));
        if (options.Workflows)
        {
            builder.Services.AddDurableTaskWorker(worker =>
            {
                worker.UseGrpc(sidecar.Address.AbsoluteUri);
                worker.AddTasks(WorkflowTasks.Register);
            });
            builder.Services.AddHostedService<IntakeSweepService>();
            builder.Services.AddHostedService<MailboxPollService>();
            builder.Services.AddHostedService<TransparencyReviewService>();
            builder.Services.AddHostedService<OpenCasesDigestService>();
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors(CorsPolicy);
        app.UseStaticForm(options);
        app.MapCocReportsApi().RequireCors(CorsPolicy);
        return app;
    }
}
