using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Transparency;

/// <summary>
/// On January 1 (a timer in both hosts): last year's report mailed to every committee member for review, each their own
/// draft of the reports they may see.
/// </summary>
public sealed class TransparencyReview(
    TransparencyDraft draft,
    IMailSender mail,
    ActionLinks links,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock,
    ILogger<TransparencyReview> log)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (from, to) = TransparencyDraft.LastYear(clock.GetUtcNow());
        foreach (var member in committee.Value.Members)
        {
            var report = await draft.DraftAsync(member.Id, from, to, "", cancellationToken);
            await mail.SendAsync(await TransparencyMail.ToMemberAsync(report, new Recipient(member.Name, member.Email), member.Id, links, committee.Value.TextsFor(member.Id)), cancellationToken);
        }

        log.LogInformation("The transparency report draft for {From} to {To} was mailed to {Count} members", from, to, committee.Value.Members.Count);
    }
}
