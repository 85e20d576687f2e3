using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using Microsoft.DurableTask.Client;

namespace CocReports.Api.Intake.Mail;

/// <summary>Run on a timer: imports every message the conduct mailbox holds that was not imported yet.</summary>
public sealed class MailboxPoll(IConductMailbox mailbox, MailImport import)
{
    public Task<int> RunAsync(DurableTaskClient workflows, CancellationToken cancellationToken) =>
        mailbox.PollAsync((mail, ct) => import.ImportAsync(mail, Door.Email, workflows, ct), cancellationToken);
}
