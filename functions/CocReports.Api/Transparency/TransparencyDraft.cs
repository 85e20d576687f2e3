using CocReports.Procedure.Committee;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Transparency;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Transparency;

/// <summary>
/// Drafts a member's transparency report of a period from what storage keeps of each report, retained ones included:
/// only the reports they may see (<see cref="CountedReports"/>).
/// </summary>
public sealed class TransparencyDraft(
    IReportStore reports,
    ICaseStates cases,
    ICaseMessages caseMessages,
    ITimeline timeline,
    IOptions<TransparencyOptions> options,
    IOptions<WorkflowOptions> workflow,
    IOptions<CommunityOptions> community,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock)
{
    /// <summary>The calendar year before <paramref name="now"/>: the default period.</summary>
    public static (DateOnly From, DateOnly To) LastYear(DateTimeOffset now) =>
        (new DateOnly(now.UtcDateTime.Year - 1, 1, 1), new DateOnly(now.UtcDateTime.Year - 1, 12, 31));

    public async Task<TransparencyReport> DraftAsync(string memberId, DateOnly from, DateOnly to, string promotion, CancellationToken cancellationToken)
    {
        var counted = new CountedReports(committee.Value, memberId);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var records = new List<TransparencyRecord>();
        await foreach (var report in reports.ReceivedSinceAsync(start, cancellationToken))
        {
            if (report.ReceivedAt >= end)
            {
                continue;
            }

            // A report kept from this member is not read into their draft at all.
            var state = await cases.GetCaseStateAsync(report.Reference, cancellationToken);
            if (!counted.Includes(report, state))
            {
                continue;
            }

            records.Add(TransparencyRecord.From(
                report,
                state,
                await caseMessages.GetMessagesAsync(report.Reference, cancellationToken),
                await timeline.ReadAsync(report.Reference, cancellationToken)));
        }

        return TransparencyReportGenerator.Generate(
            records, from, to, community.Value.Name, promotion, options.Value,
            workflow.Value.AcknowledgeWithin, workflow.Value.FollowUpWithin, clock.GetUtcNow(), workflow.Value.AcknowledgeWithinFor(urgent: true));
    }
}
