using CocReports.Testing;
using System.Reflection;
using CocReports.Api;
using CocReports.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CocReports.IntegrationTests;

/// <summary>
/// The Functions app and the local host are two hosts of the same product: every route, orchestrator and activity
/// the Functions app declares (its generated functions.metadata) must exist in the local host, which the tests drive,
/// asking for the same key, and every timer must run there as often.
/// </summary>
public sealed class BothHostsTests
{
    [Fact]
    public async Task Every_http_route_of_the_functions_app_is_served_by_the_local_host()
    {
        var declared = FunctionsMetadata.Read()
            .SelectMany(f => f.Triggers.Where(t => t.Type == "httpTrigger"))
            .SelectMany(t => t.Methods.Select(m => $"{m.ToUpperInvariant()} /api/{t.Route}"))
            .Order()
            .ToList();

        await using var app = BuildLocalHost();
        var served = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
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

        var declared = FunctionsMetadata.Read();
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
        var timers = FunctionsMetadata.Read().Where(f => f.Triggers.Any(t => t.Type == "timerTrigger")).Select(f => f.Name).ToList();

        await using var app = BuildLocalHost();
        var hosted = app.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToHashSet();

        Assert.NotEmpty(timers);
        Assert.All(timers, timer => Assert.Contains(timer + "Service", hosted));
    }

    [Fact]
    public async Task Every_http_function_asks_for_the_key_the_local_host_asks_for()
    {
        // authLevel "determines what keys, if any, need to be present on the request in order to invoke the function"
        // (https://learn.microsoft.com/python/api/azure-functions/azure.functions.decorators.authlevel): a function
        // that asked for a key in Azure and none in the local host would be tested on a door no one can use.
        await using var app = BuildLocalHost();
        var served = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Route: $"{m} {e.RoutePattern.RawText}", Endpoint: e)))
            .ToDictionary(e => e.Route, e => e.Endpoint);

        var declared = FunctionsMetadata.Read().Where(f => f.TriggerOf("httpTrigger") is not null).ToList();
        Assert.NotEmpty(declared);
        Assert.All(declared, function =>
        {
            var trigger = function.TriggerOf("httpTrigger")!;
            foreach (var method in trigger.Methods)
            {
                var endpoint = served[$"{method.ToUpperInvariant()} /api/{trigger.Route}"];
                var local = endpoint.Metadata.GetMetadata<IAuthorizeData>() is null ? "Anonymous" : "Function";
                Assert.True(local == trigger.AuthLevel, $"{function.Name}: {trigger.AuthLevel} in functions.metadata, {local} in the local host");
            }
        });
    }

    [Fact]
    public async Task Every_timer_of_the_functions_app_runs_as_often_as_its_local_host_twin_runs_by_default()
    {
        // The local host as it runs with no settings of its own (run.sh's appsettings poll the mailbox every few seconds).
        await using var app = BuildLocalHost(withAppSettings: false);
        var hosted = app.Services.GetServices<IHostedService>().ToList();
        var timers = FunctionsMetadata.Read().Where(f => f.TriggerOf("timerTrigger") is not null).ToList();

        Assert.NotEmpty(timers);
        Assert.All(timers, timer =>
        {
            var schedule = new Ncrontab(timer.TriggerOf("timerTrigger")!.Schedule!);
            switch (hosted.Single(s => s.GetType().Name == timer.Name + "Service"))
            {
                case PeriodicService periodic:
                    var from = new DateTimeOffset(2026, 3, 4, 10, 17, 0, TimeSpan.Zero);
                    var first = schedule.NextAfter(from);
                    Assert.True(schedule.NextAfter(first) - first == periodic.Every, $"{timer.Name}: every {schedule.NextAfter(first) - first} in Azure, every {periodic.Every} in the local host");
                    break;
                case TransparencyReviewService:
                    foreach (var now in new[] { new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 5, 59, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero) })
                    {
                        Assert.Equal(TransparencyReviewService.NextJanuaryFirst(now), schedule.NextAfter(now));
                    }

                    break;
                case var other:
                    Assert.Fail($"{timer.Name}: no comparison for {other.GetType().Name}");
                    break;
            }
        });
    }

    static WebApplication BuildLocalHost(bool withAppSettings = true) => LocalHostApp.Build([], c =>
    {
        if (!withAppSettings)
        {
            foreach (var json in c.Sources.OfType<JsonConfigurationSource>().ToList())
            {
                c.Sources.Remove(json);
            }
        }

        c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Links:SigningKey"] = Convert.ToBase64String(new byte[32]),
        });
    });

    // The registry keeps its contents internal; reading them is the only way to compare without running a worker.
    static List<string> Names(DurableTaskRegistry registry, string property)
    {
        var entries = (System.Collections.IEnumerable)typeof(DurableTaskRegistry)
            .GetProperty(property, BindingFlags.Instance | BindingFlags.NonPublic)!
            .GetValue(registry)!;
        return entries.Cast<object>().Select(e => e.GetType().GetProperty("Key")!.GetValue(e)!.ToString()!).ToList();
    }
}
