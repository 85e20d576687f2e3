using CocReports.Procedure.Committee;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>Emails one escalation contact: an overdue promise, or a report that no committee member may see.</summary>
public sealed class NotifyEscalationContact(
    IReportStore reports,
    OnceOnlyMail mail,
    IOptions<CommitteeOptions> committee,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow) : TaskActivity<EscalationNotice, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, EscalationNotice input) => RunAsync(input);

    public async Task<bool> RunAsync(EscalationNotice notice)
    {
        var report = await reports.FindAsync(notice.Reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        if (notice.ContactIndex >= committee.Value.EscalationContacts.Count)
        {
            return false;
        }

        var contact = committee.Value.EscalationContacts[notice.ContactIndex];
        var state = await reports.GetCaseStateAsync(notice.Reference, CancellationToken.None);
        var withReport = Audience.For(committee.Value, report, state).ToEscalationContacts;
        var message = await CommitteeMail.ToEscalationContactAsync(report, new Recipient(contact.Name, contact.Email), notice, community.Value.Name, workflow.Value, withReport);
        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }
}
