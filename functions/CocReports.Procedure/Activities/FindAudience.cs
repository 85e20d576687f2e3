using CocReports.Procedure.Committee;
using CocReports.Procedure.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Activities;

/// <summary>Reads who may hear about a report right now: exclusions from the report, recusals from the case.</summary>
public sealed class FindAudience(IReportStore reports, ICaseStates cases, IOptions<CommitteeOptions> committee) : TaskActivity<string, Audience>
{
    public override Task<Audience> RunAsync(TaskActivityContext context, string input) => RunAsync(input);

    public async Task<Audience> RunAsync(string reference)
    {
        var report = await reports.FindAsync(reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        var state = await cases.GetCaseStateAsync(reference, CancellationToken.None);
        return Audience.For(committee.Value, report, state);
    }
}
