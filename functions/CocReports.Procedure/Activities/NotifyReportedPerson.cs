using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>
/// Emails the committee's notice to the reported person, in the committee's language, with their statement link. It
/// reads the stored notice alone: not the report, so nothing of the reporter's can reach the reported person.
/// </summary>
public sealed class NotifyReportedPerson(
    IReportStore reports,
    ICaseStates cases,
    ICaseMessages caseMessages,
    OnceOnlyMail mail,
    ActionLinks links,
    IOptions<CommitteeOptions> committee,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow) : TaskActivity<ReportedPersonNotice, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ReportedPersonNotice input) => RunAsync(input);

    public async Task<bool> RunAsync(ReportedPersonNotice notice)
    {
        var messages = await caseMessages.GetMessagesAsync(notice.Reference, CancellationToken.None);
        var message = messages.FirstOrDefault(m => m.Id == notice.MessageId);
        if (message?.Kind == CaseMessageKind.PublicStatementDraft)
        {
            return await AskConsentAsync(notice.Reference, message, messages);
        }

        // Removed at the end of retention before it could go: there is nothing left to tell.
        if (message?.To is null)
        {
            return false;
        }

        // The window runs from when they were told, not from when the mail went: the link closes with it.
        var link = links.CreateStatement(notice.Reference, message.At + notice.Window);
        var outgoing = await ReportedPersonMail.NoticeAsync(
            notice.Reference, message, link, message.At + notice.Window, community.Value.Name, committee.Value.TextsFor(null), await AppealAsync(notice.Reference, messages));
        await mail.SendAsync(notice.Reference, outgoing, CancellationToken.None);
        return true;
    }

    // Asked only when the draft asks them, at the address the committee told them at: it keeps no other.
    async Task<bool> AskConsentAsync(string reference, CaseMessage draft, IReadOnlyList<CaseMessage> messages)
    {
        if (!draft.Asked.Contains(ActionLinks.ReportedPerson) || messages.LastOrDefault(m => m.Kind == CaseMessageKind.ReportedNotice)?.To is not { } to)
        {
            return false;
        }

        var consent = links.Create(reference, ActionLinks.ReportedPerson, CaseAction.Consent);
        await mail.SendAsync(reference, await ReportedPersonMail.ConsentAsync(reference, draft, to, consent, community.Value.Name, committee.Value.TextsFor(null)), CancellationToken.None);
        return true;
    }

    // Told after the resolution, they may appeal it within the window that runs from it; told before, there is nothing yet to appeal.
    async Task<AppealOffer?> AppealAsync(string reference, IReadOnlyList<CaseMessage> messages)
    {
        if (messages.LastOrDefault(m => m.Kind == CaseMessageKind.Resolution) is not { } resolution
            || await reports.FindAsync(reference, CancellationToken.None) is not { Appeal: null } report)
        {
            return null;
        }

        var offer = AppealOffer.For(report, resolution.At, ActionLinks.ReportedPerson, workflow.Value, links);
        return (await cases.GetCaseStateAsync(reference, CancellationToken.None)).ReportedToldAt is { } told && told <= offer.Until ? offer : null;
    }
}
