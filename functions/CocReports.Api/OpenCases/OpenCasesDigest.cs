using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.OpenCases;

/// <summary>
/// The weekly digest (a timer in both hosts): when <see cref="DigestSchedule"/> says this week's is due, each member
/// with open cases gets theirs, once: its Message-ID names the member and the week, and the sent-mail ledger skips
/// it when the timer runs again. A member with nothing open gets nothing. Each case's audit head is read as it goes
/// out, so the mailed copy is the trail as it stood then.
/// </summary>
public sealed class OpenCasesDigest(
    IOpenCasesProjection openCases,
    IAuditTrail audit,
    OnceOnlyMail mail,
    ActionLinks links,
    IOptions<CommitteeOptions> committee,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow,
    IOptions<OpenCasesOptions> options,
    TimeProvider clock,
    ILogger<OpenCasesDigest> log)
{
    /// <summary>Where the sent-mail ledger keeps the digests: no report's partition.</summary>
    public const string Ledger = "digests";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (new DigestSchedule(options.Value).DueWeek(now) is not { } week)
        {
            return;
        }

        var open = await openCases.OpenCasesAsync(cancellationToken);

        // One read of each case's newest audit entry: the head the members keep a copy of.
        var heads = new Dictionary<string, AuditHead>(StringComparer.Ordinal);
        foreach (var c in open)
        {
            heads[c.Reference] = AuditHead.Of(await audit.NewestAsync(c.Reference, cancellationToken));
        }

        var list = new OpenCaseList(committee.Value, workflow.Value);
        var mailed = 0;
        foreach (var member in committee.Value.Members)
        {
            var lines = list.For(member.Id, open, now);
            var toDeclare = list.ToDeclare(member.Id, open);
            if ((lines.Count > 0 || toDeclare.Count > 0)
                && await mail.SendAsync(Ledger, await OpenCasesDigestMail.ToMemberAsync(lines, heads, new Recipient(member.Name, member.Email), member.Id, community.Value.Name, week, now, links, committee.Value.TextsFor(member.Id), toDeclare), cancellationToken))
            {
                mailed++;
            }
        }

        if (mailed > 0)
        {
            log.LogInformation("The weekly digest of {Week} was mailed to {Count} members", week, mailed);
        }
    }
}
