using System.Globalization;
using System.Reflection;
using CocReports.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.IntegrationTests;

/// <summary>
/// What the Functions host (Core Tools locally, the platform in Azure) does for the Functions app, which can't be
/// installed here: it serves each HTTP function at the route and methods functions.metadata declares, runs the
/// orchestrator and activity functions on the durable engine (the Azure Storage provider on Azurite, as the local host
/// runs it), and fires timers. Each invocation takes its function class from the app's own container, as the worker's
/// default activator does, and binds the trigger's parameters by type and route values by name.
/// </summary>
public sealed class FunctionsHostStandIn(IServiceProvider functions, Assembly app, IReadOnlyList<DeclaredFunction> declared) : IAsyncDisposable
{
    WebApplication? host;

    /// <summary>The app's container, as its worker builds it.</summary>
    IServiceProvider Services { get; } = functions;

    public DurableTaskClient Workflows => host!.Services.GetRequiredService<DurableTaskClient>();

    public async Task StartAsync(Uri baseUrl, LocalHostOptions engine, string storageConnectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl.AbsoluteUri);

        // The slim builder leaves out the regex route constraint, which the case actions' route uses.
        builder.Services.Configure<RouteOptions>(routes => routes.SetParameterPolicy<RegexInlineRouteConstraint>("regex"));

        // The app's own Kestrel settings (its request size cap), as its worker's Kestrel runs with them.
        var appKestrel = Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = appKestrel.Limits.MaxRequestBodySize);

        var sidecar = new DurableTaskSidecar(engine, storageConnectionString, LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning)));
        builder.Services.AddHostedService(_ => sidecar);
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(sidecar.Address.AbsoluteUri));
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(sidecar.Address.AbsoluteUri);
            worker.AddTasks(RegisterDurableFunctions);
        });

        host = builder.Build();
        foreach (var function in declared)
        {
            if (function.TriggerOf("httpTrigger") is { } http)
            {
                var method = MethodOf(function);
                host.MapMethods("/api/" + http.Route, http.Methods.Select(m => m.ToUpperInvariant()), (HttpContext context) => InvokeHttpAsync(method, context));
            }
        }

        await host.StartAsync();
    }

    /// <summary>Fires a timer function once, as its schedule would.</summary>
    public async Task FireTimerAsync(string name)
    {
        var function = declared.Single(f => f.Name == name && f.TriggerOf("timerTrigger") is not null);
        await using var scope = Services.CreateAsyncScope();
        await InvokeAsync(MethodOf(function), scope.ServiceProvider, parameter => parameter.ParameterType == typeof(TimerInfo) ? new TimerInfo() : BindCommon(parameter, CancellationToken.None));
    }

    async Task InvokeHttpAsync(MethodInfo method, HttpContext context)
    {
        // The request runs in the app's services, as the worker's ASP.NET Core integration runs it in the invocation's.
        await using var scope = Services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        var result = (IActionResult)(await InvokeAsync(method, scope.ServiceProvider, parameter => parameter.ParameterType == typeof(HttpRequest)
            ? context.Request
            : context.Request.RouteValues.TryGetValue(parameter.Name!, out var value)
                ? Convert.ChangeType(value, parameter.ParameterType, CultureInfo.InvariantCulture)
                : BindCommon(parameter, context.RequestAborted)))!;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    void RegisterDurableFunctions(DurableTaskRegistry registry)
    {
        foreach (var function in declared)
        {
            if (function.TriggerOf("orchestrationTrigger") is not null)
            {
                registry.AddOrchestrator(function.Name, new Orchestrator(this, MethodOf(function)));
            }
            else if (function.TriggerOf("activityTrigger") is not null)
            {
                registry.AddActivity(function.Name, new Activity(this, MethodOf(function)));
            }
        }
    }

    object? BindCommon(ParameterInfo parameter, CancellationToken cancellationToken) =>
        parameter.ParameterType == typeof(DurableTaskClient) ? Workflows
        : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
        : throw new InvalidOperationException($"The stand-in binds no {parameter.ParameterType.Name} ({parameter.Member.Name}'s {parameter.Name}).");

    static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, Func<ParameterInfo, object?> bind)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var returned = method.Invoke(target, method.GetParameters().Select(bind).ToArray());
        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    MethodInfo MethodOf(DeclaredFunction function)
    {
        var split = function.EntryPoint.LastIndexOf('.');
        var type = app.GetType(function.EntryPoint[..split], throwOnError: true)!;
        return type.GetMethods().Single(m => m.Name == function.EntryPoint[(split + 1)..] && m.GetCustomAttribute<FunctionAttribute>()?.Name == function.Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    /// <summary>
    /// An orchestrator function: it reads its own input from the context, which hands out the input as deserialized
    /// to <see cref="InputType"/>. The report's workflow takes and returns its progress (it continues as new with it).
    /// </summary>
    sealed class Orchestrator(FunctionsHostStandIn standIn, MethodInfo method) : ITaskOrchestrator
    {
        public Type InputType => OutputType;

        public Type OutputType => method.ReturnType.GetGenericArguments()[0];

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            InvokeAsync(method, standIn.Services, parameter => parameter.ParameterType == typeof(TaskOrchestrationContext) ? context : standIn.BindCommon(parameter, CancellationToken.None));
    }

    /// <summary>An activity function: its trigger parameter gets the activity's input, its class a fresh scope.</summary>
    sealed class Activity(FunctionsHostStandIn standIn, MethodInfo method) : ITaskActivity
    {
        public Type InputType => method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;

        public Type OutputType => method.ReturnType.GetGenericArguments()[0];

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            await using var scope = standIn.Services.CreateAsyncScope();
            return await InvokeAsync(method, scope.ServiceProvider, parameter => parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null ? input : standIn.BindCommon(parameter, CancellationToken.None));
        }
    }
}
