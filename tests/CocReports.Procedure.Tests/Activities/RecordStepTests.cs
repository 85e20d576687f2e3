using CocReports.Procedure.Activities;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Tests.Telemetry;
using CocReports.Procedure.Timeline;
using Microsoft.Extensions.Logging;

namespace CocReports.Procedure.Tests.Activities;

public sealed class RecordStepTests : IDisposable
{
    static readonly DateTimeOffset At = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    readonly RecordedMeasurements measurements = new();
    readonly MemoryTimeline timeline = new();
    readonly RecordingLogger<RecordStep> log = new();
    readonly RecordStep recordStep;

    public RecordStepTests() => recordStep = new RecordStep(timeline, new ProcedureMetrics(measurements), log);

    [Fact]
    public async Task A_mail_that_failed_is_on_the_timeline_counted_and_logged_as_a_MailFailed_event_without_an_address()
    {
        await recordStep.RunAsync(new StepRecord("R-7Q2K", new TimelineEntry(At, CaseStep.MailFailed, Note: "Receipt to the reporter")));

        var (reference, entry) = Assert.Single(timeline.Entries);
        Assert.Equal(("R-7Q2K", CaseStep.MailFailed, "Receipt to the reporter"), (reference, entry.Step, entry.Note));
        Assert.Equal(1, measurements.Total("cocreports.mails.failed"));
        var logged = Assert.Single(log.Events);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Equal(RecordStep.MailFailed, logged.Id);
        Assert.StartsWith(RecordStep.MailFailed.Name!, logged.Message, StringComparison.Ordinal);
        Assert.Contains("R-7Q2K", logged.Message, StringComparison.Ordinal);
        Assert.Contains("Receipt to the reporter", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("@", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdue_step_is_on_the_timeline_and_counted_as_a_missed_promise_without_a_MailFailed_event()
    {
        await recordStep.RunAsync(new StepRecord("R-7Q2K", new TimelineEntry(At, CaseStep.FollowUpOverdue)));

        Assert.Equal(CaseStep.FollowUpOverdue, Assert.Single(timeline.Entries).Entry.Step);
        Assert.Equal(1, measurements.Total("cocreports.promises.missed", ("promise", "FollowUp")));
        Assert.Empty(log.Events);
    }

    [Fact]
    public async Task A_step_the_engine_runs_twice_is_recorded_counted_and_logged_once()
    {
        var failed = new StepRecord("R-7Q2K", new TimelineEntry(At, CaseStep.MailFailed, Note: "Receipt to the reporter"));

        await recordStep.RunAsync(failed);
        await recordStep.RunAsync(failed);

        Assert.Single(timeline.Entries);
        Assert.Equal(1, measurements.Total("cocreports.mails.failed"));
        Assert.Single(log.Events);
    }

    public void Dispose() => measurements.Dispose();

    sealed class MemoryTimeline : ITimeline
    {
        public List<(string Reference, TimelineEntry Entry)> Entries { get; } = [];

        // Like the table: the same entry twice is one row.
        public Task<bool> AppendAsync(string reference, TimelineEntry entry, CancellationToken cancellationToken)
        {
            if (Entries.Contains((reference, entry)))
            {
                return Task.FromResult(false);
            }

            Entries.Add((reference, entry));
            return Task.FromResult(true);
        }

        public Task<IReadOnlyList<TimelineEntry>> ReadAsync(string reference, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TimelineEntry>>([.. Entries.Where(e => e.Reference == reference).Select(e => e.Entry)]);
    }
}
