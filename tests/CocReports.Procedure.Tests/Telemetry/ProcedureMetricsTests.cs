using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Tests.Telemetry;

public sealed class ProcedureMetricsTests : IDisposable
{
    readonly RecordedMeasurements measurements = new();
    readonly ProcedureMetrics metrics;

    public ProcedureMetricsTests() => metrics = new ProcedureMetrics(measurements);

    [Fact]
    public void Received_reports_are_counted_by_the_door_they_came_through()
    {
        metrics.ReportReceived("form");
        metrics.ReportReceived("form");

        Assert.Equal(2, measurements.Total("cocreports.reports.received", ("door", "form")));
    }

    public static TheoryData<PromiseKind> Promises => [PromiseKind.Acknowledge, PromiseKind.FollowUp, PromiseKind.StatusUpdate];

    [Theory]
    [MemberData(nameof(Promises))]
    public void An_overdue_step_counts_as_a_missed_promise(PromiseKind promise)
    {
        metrics.StepRecorded(CaseStep.Nudge(promise, overdue: true));

        Assert.Equal(1, measurements.Total("cocreports.promises.missed", ("promise", promise.ToString())));
        Assert.Equal(0, measurements.Total("cocreports.promises.kept"));
    }

    public static TheoryData<CaseEventKind, PromiseKind> Kept => new()
    {
        { CaseEventKind.Acknowledged, PromiseKind.Acknowledge },
        { CaseEventKind.FollowedUp, PromiseKind.FollowUp },
        { CaseEventKind.StatusUpdated, PromiseKind.StatusUpdate },
    };

    [Theory]
    [MemberData(nameof(Kept))]
    public void A_case_action_that_meets_a_promise_counts_as_kept(CaseEventKind action, PromiseKind promise)
    {
        metrics.StepRecorded(CaseStep.Of(action));

        Assert.Equal(1, measurements.Total("cocreports.promises.kept", ("promise", promise.ToString())));
        Assert.Equal(0, measurements.Total("cocreports.promises.missed"));
    }

    [Fact]
    public void A_failed_mail_is_counted()
    {
        metrics.StepRecorded(CaseStep.MailFailed);

        Assert.Equal(1, measurements.Total("cocreports.mails.failed"));
    }

    public static TheoryData<string> Others => [CaseStep.Received.Name, CaseStep.AcknowledgeReminder.Name, CaseStep.HandedToEscalation.Name, "SomethingOverdue"];

    [Theory]
    [MemberData(nameof(Others))]
    public void Other_steps_move_no_counter(string stored)
    {
        metrics.StepRecorded(CaseStep.Named(stored));

        Assert.Equal(0, measurements.Total("cocreports.promises.missed") + measurements.Total("cocreports.promises.kept") + measurements.Total("cocreports.mails.failed"));
    }

    public void Dispose() => measurements.Dispose();
}
