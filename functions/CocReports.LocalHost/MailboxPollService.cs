using CocReports.Api.Intake.Mail;
using CocReports.Procedure.Intake.Mail;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CocReports.LocalHost;

/// <summary>The local host's timer for <see cref="MailboxPoll"/>, as the Functions app's timer trigger is in Azure.</summary>
sealed class MailboxPollService(MailboxPoll poll, DurableTaskClient workflows, IOptions<MailIntakeOptions> options, ILogger<MailboxPollService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await poll.RunAsync(workflows, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The mailbox, storage or the engine is unreachable: nothing was marked imported, the next tick tries again.
                log.LogWarning("The conduct mailbox could not be polled: {Reason}", e.GetType().Name);
            }
        }
    }
}
