using CocReports.Procedure.Committee;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>Emails one escalation contact: an overdue promise, or a report that no committee member may see.</summary>
public sealed class NotifyEscalationContact(
    IReportStore reports,
    ICaseStates cases,
    OnceOnlyMail mail,
    IOptions<CommitteeOptions> committee,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow,
    IOptions<NotificationOptions> notifications) : TaskActivity<EscalationNotice, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, EscalationNotice input) => RunAsync(input);

    public async Task<bool> RunAsync(EscalationNotice notice)
    {
        var report = await reports.FindAsync(notice.Reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        var state = await cases.GetCaseStateAsync(notice.Reference, CancellationToken.None);
        if (await ComposeAsync(report, state, Audience.For(committee.Value, report, state), notice) is not { } message)
        {
            return false;
        }

        await mail.SendAsync(notice.Reference, message, CancellationToken.None);
        return true;
    }

    /// <summary>The contact's mail (with the report itself when no member may see it), or null when there is no such contact.</summary>
    public async Task<OutgoingMail?> ComposeAsync(Report report, CaseState state, Audience audience, EscalationNotice notice)
    {
        if (notice.ContactIndex >= committee.Value.EscalationContacts.Count)
        {
            return null;
        }

        var contact = committee.Value.EscalationContacts[notice.ContactIndex];
        return await CommitteeMail.ToEscalationContactAsync(
            report, new Recipient(contact.Name, contact.Email), notice, community.Value.Name, notice.Promises ?? workflow.Value, audience.ToEscalationContacts,
            Disclosure.For(notifications.Value.Content, contact.OpenPgpPublicKey), state.IsUrgent(report), committee.Value.TextsFor(null));
    }
}
