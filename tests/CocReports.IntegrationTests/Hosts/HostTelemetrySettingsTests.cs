using System.Text.Json.Nodes;

namespace CocReports.IntegrationTests;

/// <summary>
/// The Functions host writes its own request telemetry, outside the worker's OpenTelemetry pipeline, so host.json
/// must keep link tokens out of it. The host cannot run here; these read the host.json that is deployed.
/// </summary>
public sealed class HostTelemetrySettingsTests
{
    static readonly JsonNode Logging = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "host.json")))!["logging"]!;

    [Fact]
    public void The_host_strips_query_strings_from_request_urls()
    {
        // logging.applicationInsights.enableQueryStringTracing: when false the host's telemetry initializer cuts the
        // request URL at its path (https://github.com/Azure/azure-webjobs-sdk/pull/3026). It is the default; pinned
        // here so that nobody turns it on to debug a request and leaves View links in Application Insights.
        Assert.False(Logging["applicationInsights"]!["enableQueryStringTracing"]!.GetValue<bool>());
    }

    [Fact]
    public void The_host_records_no_dependency_calls_that_carry_the_full_request_url()
    {
        // The host forwards each HTTP request to the isolated worker over loopback and recorded that call, query
        // string included, as dependency telemetry (https://github.com/Azure/azure-functions-host/issues/11602;
        // enableDependencyTracking: false is the workaround named there). The host has no other dependency worth
        // tracing in the isolated model; the worker traces its own.
        Assert.False(Logging["applicationInsights"]!["enableDependencyTracking"]!.GetValue<bool>());
    }

    [Fact]
    public void The_host_does_not_log_aspnetcore_request_lines_that_include_the_query_string()
    {
        // Microsoft.AspNetCore.Hosting.Diagnostics writes "Request starting ... ?query" at Information (same issue).
        var levels = Logging["logLevel"]!.AsObject();
        var level = levels.TryGetPropertyValue("Microsoft.AspNetCore.Hosting.Diagnostics", out var own) ? own : levels["default"];
        Assert.Contains(level!.GetValue<string>(), new[] { "Warning", "Error", "Critical", "None" });
    }

    static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CocFunctions.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        return root;
    }
}
