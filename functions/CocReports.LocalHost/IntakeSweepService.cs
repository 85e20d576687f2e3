using CocReports.Api.Intake;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CocReports.LocalHost;

/// <summary>The local host's timer for <see cref="IntakeSweep"/>, as the Functions app's timer trigger is in Azure.</summary>
sealed class IntakeSweepService(IntakeSweep sweep, DurableTaskClient workflows, IOptions<IntakeOptions> options, ILogger<IntakeSweepService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweep.RunAsync(workflows, stoppingToken);
            }
            catch (Exception e) when (e is StorageUnavailableException or Grpc.Core.RpcException)
            {
                // Storage or the engine is down: the next tick tries again.
                log.LogWarning("The intake sweep could not run: {Reason}", e.GetType().Name);
            }
        }
    }
}
