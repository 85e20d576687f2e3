using CocReports.Adapters.Telemetry;
using CocReports.Api;
using CocReports.Api.Telemetry;
using CocReports.Procedure.Intake;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CocReports.Functions;

/// <summary>Builds the worker's host. Kept apart from Program so tests can build it and take the functions from its container.</summary>
public static class FunctionsApp
{
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddCocReports(builder.Configuration);
        builder.Logging.AddCocReportsLogging();

        // The worker's own Kestrel (ASP.NET Core integration) refuses bodies over 30 MB whatever the host allows
        // (https://github.com/Azure/azure-functions-host/issues/10640): give it the same cap as the local host.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<IntakeOptions>>(
            (kestrel, intake) => kestrel.Limits.MaxRequestBodySize = intake.Value.MaxRequestBytes);
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .AddCocReportsTelemetry()
            .AddAzureMonitor(builder.Configuration);
        return builder.Build();
    }
}
