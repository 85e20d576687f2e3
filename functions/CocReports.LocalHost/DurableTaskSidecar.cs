using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
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
    readonly WorkerCalls workerCalls = new();
    WebApplication? app;
    AzureStorageOrchestrationService? service;

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
        builder.Services.AddSingleton(workerCalls);
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<WorkerCalls>());
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The engine starts when the worker first calls in. Stopping the sidecar's app stops the engine from an
        // ApplicationStopping callback, where an engine that never started throws on the thread pool and brings the
        // whole process down (a host stopped within moments of starting); such an app is only disposed.
        if (app is not null && workerCalls.Any)
        {
            await app.StopAsync(cancellationToken);
        }

        // Release the partition leases now, so a restarted host takes them over at once instead of
        // competing with a still-running engine in this process.
        try
        {
            await (service?.StopAsync(isForced: true) ?? Task.CompletedTask);
        }
        catch (NullReferenceException)
        {
            // The engine starts only once a worker connects; stopping one that never started throws here.
        }
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

    /// <summary>Notes that the worker has opened its work-item stream, which is what starts the engine.</summary>
    sealed class WorkerCalls : Interceptor
    {
        volatile bool any;

        public bool Any => any;

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            any = true;
            return continuation(request, responseStream, context);
        }
    }
}
