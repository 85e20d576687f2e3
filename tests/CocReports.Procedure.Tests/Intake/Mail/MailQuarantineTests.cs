using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Tests.Telemetry;
using Microsoft.Extensions.Logging;

namespace CocReports.Procedure.Tests.Intake.Mail;

public sealed class MailQuarantineTests : IDisposable
{
    const string Source = "imap-0123456789abcdef-1234";
    const string Where = "UID 42 in INBOX, UIDVALIDITY 1234";

    readonly RecordedMeasurements measurements = new();
    readonly MemoryFailures failures = new();
    readonly RecordingLogger<MailQuarantine> log = new();
    readonly MailQuarantine quarantine;

    public MailQuarantineTests() => quarantine = new MailQuarantine(failures, new ProcedureMetrics(measurements), log);

    [Fact]
    public async Task A_message_is_tried_again_until_its_third_failure_sets_it_aside_and_tells_the_operators_once()
    {
        var setAside = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            setAside.Add(await quarantine.FailedAsync(Door.Email, Source, "0000000042", Where, new IOException("Unreadable: from ada@example.org"), default));
        }

        Assert.Equal([false, false, true, true], setAside);
        Assert.Equal(1, measurements.Total("cocreports.mails.quarantined", ("door", "email")));
        var alert = Assert.Single(log.Events, e => e.Id == MailQuarantine.MailQuarantined);
        Assert.Equal(LogLevel.Error, alert.Level);
        Assert.StartsWith("MailQuarantined", alert.Message, StringComparison.Ordinal);
        Assert.Contains(Where, alert.Message, StringComparison.Ordinal);

        // The reason is named by its type: an exception's message may quote the message or its sender.
        Assert.All(log.Events, e => Assert.DoesNotContain("@", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_too_large_to_read_is_set_aside_at_once_and_the_operators_told_once()
    {
        await quarantine.TooLargeAsync(Door.Email, Source, "0000000042", Where, 200_000_000, 150_000_000, default);
        await quarantine.TooLargeAsync(Door.Email, Source, "0000000042", Where, 200_000_000, 150_000_000, default);

        Assert.True(MailQuarantine.SetAside((await quarantine.FailuresAsync(Source, default))["0000000042"]));
        Assert.Equal(1, measurements.Total("cocreports.mails.quarantined", ("door", "email")));
        var alert = Assert.Single(log.Events, e => e.Id == MailQuarantine.MailQuarantined);
        Assert.StartsWith("MailQuarantined", alert.Message, StringComparison.Ordinal);
        Assert.Contains(Where, alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_messages_still_tried_are_failing_and_one_imported_after_all_is_forgotten()
    {
        for (var i = 0; i < MailQuarantine.Tries; i++)
        {
            await quarantine.FailedAsync(Door.Email, Source, "0000000001", Where, new IOException(), default);
        }

        await quarantine.FailedAsync(Door.Email, Source, "0000000002", Where, new IOException(), default);
        await quarantine.FailedAsync(Door.Email, Source, "0000000003", Where, new IOException(), default);
        await quarantine.ImportedAsync(Source, "0000000003", default);

        var failures = await quarantine.FailuresAsync(Source, default);
        Assert.Equal(["0000000002"], failures.Where(f => !MailQuarantine.SetAside(f.Value)).Select(f => f.Key));
        Assert.Equal(["0000000001"], failures.Where(f => MailQuarantine.SetAside(f.Value)).Select(f => f.Key));
    }

    public void Dispose() => measurements.Dispose();

    sealed class MemoryFailures : IImportFailures
    {
        readonly Dictionary<(string, string), int> counts = [];

        public Task<IReadOnlyDictionary<string, int>> FailuresAsync(string source, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, int>>(
                counts.Where(c => c.Key.Item1 == source).ToDictionary(c => c.Key.Item2, c => c.Value));

        public Task<int> CountAsync(string source, string message, CancellationToken cancellationToken) =>
            Task.FromResult(counts[(source, message)] = counts.GetValueOrDefault((source, message)) + 1);

        public Task<int> CountAtLeastAsync(string source, string message, int failures, CancellationToken cancellationToken)
        {
            var before = counts.GetValueOrDefault((source, message));
            counts[(source, message)] = Math.Max(before, failures);
            return Task.FromResult(before);
        }

        public Task ForgetAsync(string source, string message, CancellationToken cancellationToken)
        {
            counts.Remove((source, message));
            return Task.CompletedTask;
        }
    }
}
