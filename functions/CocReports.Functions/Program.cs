using CocReports.Adapters.Telemetry;
using CocReports.Api;
using CocReports.Api.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCocReports(builder.Configuration);
builder.Services.AddOpenTelemetry()
    .UseFunctionsWorkerDefaults()
    .AddCocReportsTelemetry()
    .AddAzureMonitor(builder.Configuration);
await builder.Build().RunAsync();
