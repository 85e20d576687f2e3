using System.Diagnostics.Metrics;
using CocReports.Api.Intake;
using CocReports.Api.Tests.InMemory;
using CocReports.Procedure.Links;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Tests.Intake;

/// <summary>
/// A report keeps the time promises in force when it arrived: its workflow runs on them, and the mails and pages
/// quoted outside the workflow read them from the report, whatever the options say later.
/// </summary>
public sealed class ReportScheduleTests
{
    static readonly DateTimeOffset ReceivedAt = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    readonly InMemoryReports reports = new(new InMemoryCaseMessages(new Journal()));
    readonly FakeCaseWorkflow workflows = new(new Journal());

    [Fact]
    public async Task A_report_is_stored_with_the_schedule_in_force_when_it_arrived_and_its_workflow_runs_on_it()
    {
        var inForce = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72) };

        await Intake(inForce).AcceptAsync(NewReport(), "ABCDE-FGHJK-MNPQR-STVWX", workflows, CancellationToken.None);

        var stored = await reports.FindAsync("COC-AAAA-0001", CancellationToken.None);
        Assert.Equal(TimeSpan.FromHours(72), stored?.Schedule?.AcknowledgeWithin);
        Assert.Equal(TimeSpan.FromHours(72), Assert.Single(workflows.Started).Schedule.AcknowledgeWithin);
    }

    [Fact]
    public async Task A_workflow_started_late_runs_on_the_schedule_its_report_arrived_under_not_the_options_of_the_day()
    {
        // Stored while the committee promised 72 hours; the start was cut short, and the options now say 48.
        var report = NewReport() with { Schedule = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72) } };
        await reports.TryAddAsync(report, CancellationToken.None);

        await Start(new WorkflowOptions()).StartAsync(workflows, report, receiptCode: null, mayExist: false, CancellationToken.None);

        Assert.Equal(TimeSpan.FromHours(72), Assert.Single(workflows.Started).Schedule.AcknowledgeWithin);
    }

    ReportIntake Intake(WorkflowOptions schedule) =>
        new(reports, Start(schedule), new ProcedureMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), Options.Create(schedule), NullLogger<ReportIntake>.Instance);

    static ReportWorkflowStart Start(WorkflowOptions schedule) =>
        new(new SealedSecret(new SigningKeys(new LinkOptions { SigningKey = Convert.ToBase64String(new byte[32]), PublicBaseUrl = new Uri("https://coc.example.org") })), Options.Create(schedule));

    static Report NewReport() =>
        new("COC-AAAA-0001", ReceivedAt, new ReportDetails { Description = "Rude comments in a review." }, [], ReceiptCode.Hash("ABCDE-FGHJK-MNPQR-STVWX"));
}
