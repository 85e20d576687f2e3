using CocReports.Testing;
using System.Reflection;
using System.Text.Json;
using CocReports.Api;
using CocReports.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CocReports.IntegrationTests;

/// <summary>
/// The Functions app and the local host are two hosts of the same product: every route, orchestrator and activity
/// the Functions app declares (its generated functions.metadata) must exist in the local host, which the tests drive.
/// </summary>
public sealed class BothHostsTests
{
    [Fact]
    public async Task Every_http_route_of_the_functions_app_is_served_by_the_local_host()
    {
        var declared = Metadata()
            .SelectMany(f => f.Triggers.Where(t => t.Type == "httpTrigger"))
            .SelectMany(t => t.Methods.Select(m => $"{m.ToUpperInvariant()} /api/{t.Route}"))
            .Order()
            .ToList();

        await using var app = LocalHostApp.Build([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Links:SigningKey"] = Convert.ToBase64String(new byte[32]),
        }));
        var served = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.NotEmpty(declared);
        Assert.All(declared, route => Assert.Contains(route, served));
    }

    [Fact]
    public void Every_orchestrator_and_activity_of_the_functions_app_is_registered_with_the_local_worker()
    {
        var registry = new DurableTaskRegistry();
        WorkflowTasks.Register(registry);
        var orchestrators = Names(registry, "Orchestrators");
        var activities = Names(registry, "Activities");

        var declared = Metadata();
        var declaredOrchestrators = declared.Where(f => f.Triggers.Any(t => t.Type == "orchestrationTrigger")).Select(f => f.Name).ToList();
        var declaredActivities = declared.Where(f => f.Triggers.Any(t => t.Type == "activityTrigger")).Select(f => f.Name).ToList();

        Assert.NotEmpty(declaredOrchestrators);
        Assert.NotEmpty(declaredActivities);
        Assert.Equal(declaredOrchestrators.Order(), orchestrators.Order());
        Assert.Equal(declaredActivities.Order(), activities.Order());
    }

    [Fact]
    public async Task Every_timer_of_the_functions_app_runs_in_the_local_host_as_a_hosted_service_of_the_same_name()
    {
        var timers = Metadata().Where(f => f.Triggers.Any(t => t.Type == "timerTrigger")).Select(f => f.Name).ToList();

        await using var app = LocalHostApp.Build([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Links:SigningKey"] = Convert.ToBase64String(new byte[32]),
        }));
        var hosted = app.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToHashSet();

        Assert.NotEmpty(timers);
        Assert.All(timers, timer => Assert.Contains(timer + "Service", hosted));
    }

    // The registry keeps its contents internal; reading them is the only way to compare without running a worker.
    static List<string> Names(DurableTaskRegistry registry, string property)
    {
        var entries = (System.Collections.IEnumerable)typeof(DurableTaskRegistry)
            .GetProperty(property, BindingFlags.Instance | BindingFlags.NonPublic)!
            .GetValue(registry)!;
        return entries.Cast<object>().Select(e => e.GetType().GetProperty("Key")!.GetValue(e)!.ToString()!).ToList();
    }

    static List<DeclaredFunction> Metadata()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CocFunctions.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("CocFunctions.sln not found above the test output.");
        }

        var path = Path.Combine(root, "functions", "CocReports.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"Build the Functions app first: {path} is missing.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => new DeclaredFunction(
            f.GetProperty("name").GetString()!,
            f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("direction").GetString() == "In")
                .Select(b => new Trigger(
                    b.GetProperty("type").GetString()!,
                    b.TryGetProperty("route", out var route) ? route.GetString() : null,
                    b.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToArray() : []))
                .ToList())).ToList();
    }

    sealed record DeclaredFunction(string Name, List<Trigger> Triggers);

    sealed record Trigger(string Type, string? Route, string[] Methods);
}
