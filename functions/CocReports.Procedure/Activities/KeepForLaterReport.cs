using CocReports.Procedure.Committee;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>
/// Asked before the purge: whether a later report that may name the same person is still kept. The earlier case is
/// then kept as long again, so the members reading the later one still see the pattern ("extended when a later
/// report matches the same person"). Matched by keyed hash in the pattern index, as patterns are. Only a later report
/// that every member of this case may see counts: a case kept past its date would tell a member kept from the later
/// report that it exists.
/// </summary>
public sealed class KeepForLaterReport(IReportStore reports, ICaseStates cases, ReportPatterns patterns, IOptions<CommitteeOptions> committee) : TaskActivity<string, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, string input) => RunAsync(input);

    public async Task<bool> RunAsync(string reference)
    {
        var report = await reports.FindAsync(reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        var members = Audience.For(committee.Value, report, await cases.GetCaseStateAsync(reference, CancellationToken.None)).MemberIds;
        return (await patterns.OthersAsync(reference, CancellationToken.None)).Any(other =>
            other.Report.ReceivedAt > report.ReceivedAt
            && other.State.EvidencePurgedAt is null
            && members.All(member => patterns.ForMember(member, [other]).Count == 1));
    }
}
