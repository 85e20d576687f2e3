using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// Run on a timer: imports every message the conduct mailbox holds that was not imported yet, but for those the door's
/// budget defers, which stay in the mailbox for a later poll.
/// </summary>
public sealed class MailboxPoll(IConductMailbox mailbox, MailImport import)
{
    public Task<int> RunAsync(ICaseWorkflow workflows, CancellationToken cancellationToken) =>
        mailbox.PollAsync(
            async (mail, ct) =>
            {
                try
                {
                    return (await import.ImportAsync(mail, Door.Email, workflows, ct)).Taken;
                }
                catch (CaseWorkflowUnavailableException e)
                {
                    // The workflow engine unreachable is an outage, as the webhook answers it: it ends the poll and counts
                    // against no message, which would otherwise be set aside for it.
                    throw new StorageUnavailableException("The workflow engine could not be reached.", e);
                }
            },
            cancellationToken);
}
