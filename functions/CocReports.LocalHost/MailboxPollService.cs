using CocReports.Api.Intake.Mail;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Options;

namespace CocReports.LocalHost;

/// <summary>
/// The local host's timer for <see cref="MailboxPoll"/>, as the Functions app's timer trigger is in Azure. A poll that
/// fails marked nothing imported: the next one reads the same messages.
/// </summary>
sealed class MailboxPollService(MailboxPoll poll, ICaseWorkflow workflows, IOptions<MailIntakeOptions> options, ILogger<MailboxPollService> log)
    : PeriodicService(options.Value.PollEvery, log)
{
    protected override string Name => "The conduct mailbox poll";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => poll.RunAsync(workflows, cancellationToken);
}
