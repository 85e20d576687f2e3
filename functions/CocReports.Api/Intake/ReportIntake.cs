using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake;

/// <summary>
/// How every door (form, organizer, email, webhook) ends: the report stored first, with the time promises in force as
/// it arrives (<see cref="Report.Schedule"/>), counted by the door it came through, then its workflow started, which
/// announces it to the committee and sends the receipt. A report this call stored is kept whatever happens next: when
/// the engine can't be reached, the door answers the reporter as usual and the workflow starts later (the sweep, or
/// the email door's next import).
/// </summary>
public sealed class ReportIntake(
    IReportStore reports, ReportWorkflowStart workflowStart, ProcedureMetrics metrics, IOptions<WorkflowOptions> schedule, ILogger<ReportIntake> log)
{
    public async Task<Accepted> AcceptAsync(Report report, string? receiptCode, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        report = report with { Schedule = schedule.Value };
        if (!await reports.TryAddAsync(report, cancellationToken))
        {
            return new Accepted(report, Stored: false);
        }

        var door = report.Door.ToString().ToLowerInvariant();
        metrics.ReportReceived(door);
        log.LogInformation("Report {Reference} received through the {Door} door with {FileCount} evidence files", report.Reference, door, report.Evidence.Count);
        try
        {
            // This call stored the report, so no workflow was started for it before: no need to look first.
            await workflowStart.StartAsync(workflows, report, receiptCode, mayExist: false, cancellationToken);
            return new Accepted(report, Stored: true);
        }
        catch (Exception e)
        {
            // Whatever stopped the start (the engine away, the reporter's connection gone), the stored report stays.
            log.LogWarning("Report {Reference} is stored but its workflow did not start ({Error}); it is started later", report.Reference, e.GetType().Name);
            return new Accepted(report, Stored: true, StartFailure: e);
        }
    }
}

/// <summary>What <see cref="ReportIntake.AcceptAsync"/> did.</summary>
/// <param name="Stored">False: a report with this reference was stored before (a retry, or two attempts racing), and nothing was changed.</param>
/// <param name="StartFailure">Why the stored report's workflow did not start, if it did not.</param>
public sealed record Accepted(Report Report, bool Stored, Exception? StartFailure = null);
