using CocReports.Api.Engine;
using CocReports.Api.Intake.Mail;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CocReports.Functions;

public sealed class MailboxPollFunction(MailboxPoll poll)
{
    // Every minute, as MailIntake:PollEvery's default; the schedule of a timer trigger is fixed at build time.
    [Function(nameof(MailboxPoll))]
    public Task Run(
        [TimerTrigger("0 */1 * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        poll.RunAsync(new DurableCaseWorkflow(workflows), cancellationToken);
}
