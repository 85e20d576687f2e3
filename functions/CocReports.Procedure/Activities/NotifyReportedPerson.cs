using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>
/// Emails the committee's notice to the reported person, in the committee's language, with their statement link. It
/// reads the stored notice alone: not the report, so nothing of the reporter's can reach the reported person.
/// </summary>
public sealed class NotifyReportedPerson(
    ICaseMessages caseMessages,
    OnceOnlyMail mail,
    ActionLinks links,
    IOptions<CommitteeOptions> committee,
    IOptions<CommunityOptions> community) : TaskActivity<ReportedPersonNotice, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ReportedPersonNotice input) => RunAsync(input);

    public async Task<bool> RunAsync(ReportedPersonNotice notice)
    {
        var message = (await caseMessages.GetMessagesAsync(notice.Reference, CancellationToken.None)).FirstOrDefault(m => m.Id == notice.MessageId);

        // Removed at the end of retention before it could go: there is nothing left to tell.
        if (message?.To is null)
        {
            return false;
        }

        var link = links.CreateStatement(notice.Reference, notice.Window);
        var outgoing = await ReportedPersonMail.NoticeAsync(notice.Reference, message, link, message.At + notice.Window, community.Value.Name, committee.Value.TextsFor(null));
        await mail.SendAsync(notice.Reference, outgoing, CancellationToken.None);
        return true;
    }
}
