using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CocReports.Adapters.Telemetry;

public static class AzureMonitorTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Exports the worker's spans and metrics to Application Insights when a connection string is configured.
    /// Logs are left to the Functions host, which already forwards the worker's logs; exporting them here too
    /// would write each line twice. The resource allows only Microsoft Entra authenticated ingestion, so the
    /// exporter signs in as the identity named in APPLICATIONINSIGHTS_AUTHENTICATION_STRING, the setting the host
    /// itself uses ("ClientId=...;Authorization=AAD"; ManagedIdentityCredential with the client id for a
    /// user-assigned identity, https://learn.microsoft.com/en-us/azure/azure-monitor/app/azure-ad-authentication).
    /// </summary>
    public static IOpenTelemetryBuilder AddAzureMonitor(this IOpenTelemetryBuilder builder, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }

        var credential = Credential(configuration[AuthenticationStringSetting]);
        void Configure(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = connectionString;
            options.Credential = credential;
        }

        return builder
            .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(Configure))
            .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(Configure));
    }

    /// <summary>The managed identity an authentication string names, or null for a resource that takes its key.</summary>
    internal static TokenCredential? Credential(string? authenticationString)
    {
        var parts = (authenticationString ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
