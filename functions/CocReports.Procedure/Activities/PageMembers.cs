using CocReports.Procedure.Committee;
using CocReports.Procedure.Paging;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>
/// Pages the members of an urgent report who have a pager (<see cref="UrgentPage"/>), side by side, after their mail
/// went: a slow or failing pager never holds back anyone's mail. A page that fails is written to the case's timeline,
/// where the committee sees it, and not retried: the mail is the channel of record. A rerun of the announcement may page
/// a member twice, which is harmless.
/// </summary>
public sealed class PageMembers(
    IPager pager,
    RecordStep record,
    IOptions<CommitteeOptions> committee,
    IOptions<CommunityOptions> community,
    TimeProvider clock,
    ILogger<PageMembers> log)
{
    /// <summary>How long one pager is waited for.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task RunAsync(Report report, CaseState state, Audience audience)
    {
        await Task.WhenAll(UrgentPage.Recipients(committee.Value, audience, state).Select(async member =>
        {
            var t = committee.Value.TextsFor(member.Id);
            if (!await TryPageAsync(member, UrgentPage.Title(t), UrgentPage.Text(report, community.Value.Name, t)))
            {
                await record.RunAsync(new StepRecord(report.Reference, new TimelineEntry(clock.GetUtcNow(), CaseStep.PageFailed, Note: $"{member.Name}'s pager")));
            }
        }));
    }

    async Task<bool> TryPageAsync(CommitteeMember member, string title, string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            if (await pager.PageAsync(member.PagerUrl!, member.PagerFormat, title, text, timeout.Token))
            {
                return true;
            }

            log.LogWarning("The pager of member {MemberId} refused the page", member.Id);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            log.LogWarning("The pager of member {MemberId} could not be reached ({Error})", member.Id, e.GetType().Name);
        }

        return false;
    }
}
