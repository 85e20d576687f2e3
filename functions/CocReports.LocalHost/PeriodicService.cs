namespace CocReports.LocalHost;

/// <summary>
/// The local host's twin of a Functions timer trigger: runs its handler every interval. A run that fails (the mailbox,
/// storage or the engine unreachable) is logged and the next tick tries again, as the next timer trigger would.
/// </summary>
abstract class PeriodicService(TimeSpan every, ILogger log) : BackgroundService
{
    /// <summary>How often it runs: the Functions app's timer schedule runs its twin as often (BothHostsTests).</summary>
    internal TimeSpan Every => every;

    /// <summary>What the service does, for the log.</summary>
    protected abstract string Name { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("{Name} could not run: {Reason}", Name, e.GetType().Name);
            }
        }
    }
}
