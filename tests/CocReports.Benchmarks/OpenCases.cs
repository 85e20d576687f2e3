using System.Diagnostics;
using System.Globalization;

namespace CocReports.Benchmarks;

/// <summary>
/// Many open cases waiting on their timers, as a community's host spends most of its life: files them, waits until
/// every one is announced and the engine is quiet, then watches the idle host for a minute: CPU time, resident memory
/// and storage requests. Meanwhile one case is resolved so that its retention warning, a durable timer, falls due
/// among them: how late its mail arrives says whether a timer among thousands is on time.
/// </summary>
sealed class OpenCases(IntakeBenchmark intake, Mailbox mail, StorageRequests storage, WorkflowCost cost, int hostPid)
{
    public async Task<OpenCasesResult> RunAsync(int cases, int clients, int members, TimeSpan watch, TimeSpan warningAfterResolution, CancellationToken cancellationToken)
    {
        // Resolved first, so its warning falls due inside the watch; filed before the others so it is announced already.
        var resolving = await cost.FileWithReporterAsync(members, cancellationToken);
        var mailBefore = await mail.CountAsync(cancellationToken);
        var accepted = 0;
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Volatile.Read(ref accepted) < cases)
            {
                // Every client here is one address: under this load the shared rate-limit counter can answer 429
                // (its ETag race backs off, then counts as over budget). The filing only needs the cases, so it asks again.
                var (status, _) = await intake.SubmitForStatusAsync([], cancellationToken);
                if (status == System.Net.HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref accepted);
                }
                else if ((int)status == 429)
                {
                    Interlocked.Increment(ref refused);
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
                else
                {
                    throw new InvalidOperationException($"POST /api/reports answered {(int)status}.");
                }
            }
        }));
        cases = accepted;
        await mail.WaitForAsync(mailBefore + (cases * members), TimeSpan.FromMinutes(15), cancellationToken);
        await cost.SettleAsync(cancellationToken);

        var probe = new MemoryProbe(hostPid);
        var from = storage.Mark();
        var cpuBefore = CpuTime();
        var memoryBefore = probe.ReadResidentBytes();
        var peak = memoryBefore;
        var watchStarted = Stopwatch.GetTimestamp();

        var beforeResolution = await mail.CountAsync(cancellationToken);
        var resolvedAt = await cost.AcknowledgeAndResolveAsync(resolving, cancellationToken);
        var warningDue = resolvedAt + warningAfterResolution;
        TimeSpan? late = null;
        while (Stopwatch.GetElapsedTime(watchStarted) < watch)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            peak = Math.Max(peak, probe.ReadResidentBytes());

            // The acknowledgment's and the resolution's mails to the reporter, then the warning to every member.
            if (late is null && await mail.CountAsync(cancellationToken) >= beforeResolution + 2 + members)
            {
                late = DateTimeOffset.UtcNow - warningDue;
            }
        }

        var cpu = CpuTime() - cpuBefore;
        return new OpenCasesResult(
            cases, refused, Stopwatch.GetElapsedTime(watchStarted), cpu, memoryBefore, probe.ReadResidentBytes(), peak, late, storage.Between(from, storage.Mark()));
    }

    /// <summary>The host's user and system CPU time so far (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{hostPid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}

sealed record OpenCasesResult(
    int Cases,
    int Refused,
    TimeSpan Watched,
    TimeSpan Cpu,
    long MemoryBefore,
    long MemoryAfter,
    long MemoryPeak,
    TimeSpan? WarningLate,
    IReadOnlyDictionary<StorageKind, int> Requests);
