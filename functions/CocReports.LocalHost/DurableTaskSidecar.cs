using System.Net;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace CocReports.LocalHost;

/// <summary>
/// The Durable Task engine Azure uses by default (the Azure Storage provider, here on Azurite), served over gRPC by
/// TaskHubGrpcServer on its own loopback port. A separate small host, started before the worker connects and stopped
/// after the worker has let go of its work-item stream, so shutdown doesn't hang on an open stream.
/// </summary>
sealed class DurableTaskSidecar(LocalHostOptions options, string storageConnectionString, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    WebApplication? app;
    AzureStorageOrchestrationService? service;
    IOrchestrationService? engine;

    public Uri Address { get; } = new($"http://127.0.0.1:{(options.SidecarPort == 0 ? FreePort() : options.SidecarPort)}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            TaskHubName = options.TaskHubName,
            WorkerId = options.WorkerId,
            PartitionCount = 1,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            LoggerFactory = loggerFactory,
        });

        // The sidecar doesn't create the task hub's queues and tables itself.
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, Address.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        engine = EngineStop.Guard(service);
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        // Without workflows of its own, the sidecar only answers the client: it never polls the task hub's queues.
        builder.Services.Configure<TaskHubGrpcServerOptions>(server => server.Mode = options.Workflows
            ? TaskHubGrpcServerMode.ApiServerAndDispatcher
            : TaskHubGrpcServerMode.ApiServerOnly);
        app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }

        // Release the partition leases now, so a restarted host takes them over at once instead of
        // competing with a still-running engine in this process.
        await (engine?.StopAsync(isForced: true) ?? Task.CompletedTask);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The engine as the sidecar's dispatcher sees it, with one difference: the sidecar stops it from an
    /// ApplicationStopping callback, where any exception takes the whole process down, and two are harmless there.
    /// Stopping an engine that has not (yet) started (a host stopped moments after it started) throws a
    /// NullReferenceException; a partition manager whose leases could not be released throws a TimeoutException ten
    /// minutes later (seen once on a loaded machine, after a host restart), when the host is long gone and another
    /// instance takes the leases over once they expire. Everything else goes to the engine unchanged.
    /// </summary>
    public class EngineStop : DispatchProxy
    {
        IOrchestrationService engine = null!;

        public static IOrchestrationService Guard(IOrchestrationService engine)
        {
            var guarded = Create<IOrchestrationService, EngineStop>();
            ((EngineStop)(object)guarded).engine = engine;
            return guarded;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var stop = targetMethod!.Name == nameof(IOrchestrationService.StopAsync);
            try
            {
                var result = targetMethod.Invoke(engine, args);
                return stop && result is Task stopping ? IgnoreNeverStarted(stopping) : result;
            }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                if (stop && inner is NullReferenceException)
                {
                    return Task.CompletedTask;
                }

                // The engine's own exception, as the dispatcher expects it.
                ExceptionDispatchInfo.Capture(inner).Throw();
                throw;
            }
        }

        static async Task IgnoreNeverStarted(Task stopping)
        {
            try
            {
                await stopping;
            }
            catch (NullReferenceException)
            {
                // Nothing to stop.
            }
            catch (TimeoutException)
            {
                // Stopped without releasing its leases: they expire, and the next instance takes them over.
            }
        }
    }
}
