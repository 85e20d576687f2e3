using CocReports.Procedure.Telemetry;

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

    [Theory]
    [InlineData("AcknowledgeOverdue", "Acknowledge")]
    [InlineData("FollowUpOverdue", "FollowUp")]
    [InlineData("StatusUpdateOverdue", "StatusUpdate")]
    public void An_overdue_step_counts_as_a_missed_promise(string step, string promise)
    {
        metrics.StepRecorded(step);

        Assert.Equal(1, measurements.Total("cocreports.promises.missed", ("promise", promise)));
        Assert.Equal(0, measurements.Total("cocreports.promises.kept"));
    }

    [Theory]
    [InlineData("Acknowledged", "Acknowledge")]
    [InlineData("FollowedUp", "FollowUp")]
    [InlineData("StatusUpdated", "StatusUpdate")]
    public void A_case_action_that_meets_a_promise_counts_as_kept(string step, string promise)
    {
        metrics.StepRecorded(step);

        Assert.Equal(1, measurements.Total("cocreports.promises.kept", ("promise", promise)));
        Assert.Equal(0, measurements.Total("cocreports.promises.missed"));
    }

    [Fact]
    public void A_failed_mail_is_counted()
    {
        metrics.StepRecorded("MailFailed");

        Assert.Equal(1, measurements.Total("cocreports.mails.failed"));
    }

    [Theory]
    [InlineData("Received")]
    [InlineData("AcknowledgeReminder")]
    [InlineData("HandedToEscalation")]
    [InlineData("SomethingOverdue")]
    public void Other_steps_move_no_counter(string step)
    {
        metrics.StepRecorded(step);

        Assert.Equal(0, measurements.Total("cocreports.promises.missed") + measurements.Total("cocreports.promises.kept") + measurements.Total("cocreports.mails.failed"));
    }

    public void Dispose() => measurements.Dispose();
}
