using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CocReports.Benchmarks;

/// <summary>
/// Many reports with evidence from many clients at once, then until the last committee mail is delivered: every
/// answer counted by status (no 5xx is the target), every expected mail accounted for in smtp4dev, and the host's
/// resident memory sampled each second over the whole run.
/// </summary>
sealed class Soak(IntakeBenchmark intake, HttpClient api, HttpClient smtp4dev, MemoryProbe probe)
{
    public async Task<SoakResult> RunAsync(int reports, int clients, TimeSpan mailDeadline, CancellationToken cancellationToken)
    {
        var members = (await api.GetFromJsonAsync<JsonElement>("api/committee", cancellationToken)).GetArrayLength();
        var mailBefore = await MailCountAsync(cancellationToken);
        var statuses = new ConcurrentDictionary<int, int>();
        var samples = new ConcurrentQueue<long>();
        var started = Stopwatch.GetTimestamp();

        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = SampleAsync(samples, stopSampling.Token);
        var baseline = probe.ReadResidentBytes();

        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= reports)
            {
                var (status, _) = await intake.SubmitForStatusAsync(cancellationToken);
                statuses.AddOrUpdate((int)status, 1, (_, n) => n + 1);
            }
        }));
        var intakeTime = Stopwatch.GetElapsedTime(started);
        var afterIntake = probe.ReadResidentBytes();

        // Each accepted report is announced to every member (anonymous reports: no receipt mail).
        var expected = statuses.GetValueOrDefault((int)HttpStatusCode.Accepted) * members;
        var delivered = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(mailDeadline.TotalSeconds * Stopwatch.Frequency);
        while ((delivered = await MailCountAsync(cancellationToken) - mailBefore) < expected && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        var allMailTime = Stopwatch.GetElapsedTime(started);
        await stopSampling.CancelAsync();
        await sampling;
        return new SoakResult(
            reports, clients, new SortedDictionary<int, int>(statuses), expected, delivered, intakeTime, allMailTime,
            baseline, afterIntake, probe.ReadResidentBytes(), samples.DefaultIfEmpty(baseline).Max());
    }

    async Task<int> MailCountAsync(CancellationToken cancellationToken) =>
        (await smtp4dev.GetFromJsonAsync<JsonElement>("api/messages?pageSize=1", cancellationToken)).GetProperty("rowCount").GetInt32();

    async Task SampleAsync(ConcurrentQueue<long> samples, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                samples.Enqueue(probe.ReadResidentBytes());
            }
        }
        catch (OperationCanceledException)
        {
            // The soak ended.
        }
    }
}

sealed record SoakResult(
    int Reports,
    int Clients,
    SortedDictionary<int, int> Statuses,
    int ExpectedMail,
    int DeliveredMail,
    TimeSpan IntakeTime,
    TimeSpan AllMailTime,
    long BaselineBytes,
    long AfterIntakeBytes,
    long EndBytes,
    long PeakBytes)
{
    public bool NoServerErrors => Statuses.Keys.All(status => status < 500);
}
