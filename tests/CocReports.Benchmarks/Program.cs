using System.Globalization;
using CocReports.Benchmarks;

// Usage: CocReports.Benchmarks --base-url http://127.0.0.1:PORT --storage "CONNECTION STRING" --host-pid PID
// Prints figures, asserts nothing: exits 0 whatever the targets say, 1 when a step fails.
const double RatioTarget = 1.5;
const double GrowthTargetMegabytes = 64;
const long LargeFileBytes = (25L * 1024 * 1024) - 1; // the default per-file limit is 25 MB, inclusive
(int Clients, int WarmUp, int Requests)[] levels = [(1, 5, 40), (16, 16, 160)];

var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
if (!options.TryGetValue("--base-url", out var baseUrl) || !options.TryGetValue("--storage", out var storage)
    || !options.TryGetValue("--host-pid", out var hostPid))
{
    Console.Error.WriteLine("Usage: CocReports.Benchmarks --base-url URL --storage CONNECTION-STRING --host-pid PID");
    return 2;
}

var soak = options.TryGetValue("--mode", out var mode) && mode == "soak";
using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(soak ? 30 : 3));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    bounded.Cancel();
};
var cancellationToken = bounded.Token;

try
{
    var evidence = new SmallEvidence();
    using var http = IntakeBenchmark.CreateClient(new Uri(baseUrl.TrimEnd('/') + "/"));
    var intake = new IntakeBenchmark(http, evidence);
    if (soak)
    {
        return await SoakAsync(intake, http, options["--smtp4dev"], int.Parse(hostPid, CultureInfo.InvariantCulture), cancellationToken);
    }

    var floor = await StorageFloor.CreateAsync(storage, evidence, cancellationToken);
    var probe = new MemoryProbe(int.Parse(hostPid, CultureInfo.InvariantCulture));

    // Memory first, on a host that has only warmed up: later runs leave workflows behind that would move the baseline.
    // The warm-up files exceed the evidence store's 4 MB single-shot size, so block uploads are already JIT-compiled.
    Progress("warm-up report (2 x 5 MB), then one report with 4 x 25 MB files while sampling the host's VmRSS");
    await intake.SubmitAsync([new GeneratedEvidence(5L * 1024 * 1024), new GeneratedEvidence(5L * 1024 * 1024)], cancellationToken);
    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
    var memory = await probe.WatchAsync(
        token => intake.SubmitAsync([.. Enumerable.Range(0, 4).Select(_ => (HttpContent)new GeneratedEvidence(LargeFileBytes))], token),
        cancellationToken);

    // The floor before intake, so it runs on a quiet machine rather than beside the host's workflows.
    var floors = new List<Percentiles>();
    foreach (var (clients, warmUp, requests) in levels)
    {
        Progress($"storage floor: {requests} reports on {clients} client(s) after {warmUp} warm-up");
        floors.Add(await Latency.MeasureAsync(floor.StoreReportAsync, clients, warmUp, requests, cancellationToken));
    }

    var intakes = new List<Percentiles>();
    foreach (var (clients, warmUp, requests) in levels)
    {
        Progress($"intake: {requests} reports on {clients} client(s) after {warmUp} warm-up");
        intakes.Add(await Latency.MeasureAsync(intake.SubmitAsync, clients, warmUp, requests, cancellationToken));
    }

    await floor.DeleteAsync(cancellationToken);

    Console.WriteLine();
    Console.WriteLine("Intake latency: POST /api/reports, anonymous, 2 x 1 MB PNG evidence, Accept: application/json -> 202");
    Console.WriteLine("Storage floor:  the same writes with the Azure SDK on the same Azurite: 2 x 1 MB blobs + 1 report row upsert");
    Console.WriteLine();
    Console.WriteLine($"{"clients",7} {"requests",8} | {"intake p50",10} {"p99",10} | {"floor p50",10} {"p99",10} | {"ratio p50",9} {"p99",6} | target: ratio < {RatioTarget} at 16");
    for (var i = 0; i < levels.Length; i++)
    {
        var (clients, _, requests) = levels[i];
        var (p50, p99) = (intakes[i].P50 / floors[i].P50, intakes[i].P99 / floors[i].P99);
        var verdict = clients == 16 ? $"p50 {Verdict(p50 < RatioTarget)}, p99 {Verdict(p99 < RatioTarget)}" : "";
        Console.WriteLine(
            $"{clients,7} {requests,8} | {Ms(intakes[i].P50),10} {Ms(intakes[i].P99),10} | {Ms(floors[i].P50),10} {Ms(floors[i].P99),10} | {p50,9:F2} {p99,6:F2} | {verdict}");
    }

    Console.WriteLine();
    Console.WriteLine($"Host memory while one report with 4 x {LargeFileBytes:N0} bytes uploads (VmRSS every 20 ms, {memory.Samples} samples, {memory.Duration.TotalSeconds:F1} s to the 202)");
    Console.WriteLine(
        $"  baseline {Mb(memory.BaselineBytes)}   peak {Mb(memory.PeakBytes)}   growth {Mb(memory.GrowthBytes)}   target: under {GrowthTargetMegabytes} MB {Verdict(memory.GrowthBytes < GrowthTargetMegabytes * 1024 * 1024)}");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"Benchmark failed: {e.GetType().Name}: {e.Message}");
    return 1;
}

// 1,000 reports with evidence at 32 concurrent clients; every mail accounted for; memory over the whole run.
static async Task<int> SoakAsync(IntakeBenchmark intake, HttpClient api, string smtp4devUrl, int hostPid, CancellationToken cancellationToken)
{
    const int Reports = 1000;
    const int Clients = 32;
    const double FlatTargetMegabytes = 64;
    using var smtp4dev = new HttpClient { BaseAddress = new Uri(smtp4devUrl.TrimEnd('/') + "/") };
    Progress($"soak: {Reports} reports (2 x 1 MB evidence each) on {Clients} clients, then until every committee mail is delivered");
    var result = await new Soak(intake, api, smtp4dev, new MemoryProbe(hostPid)).RunAsync(Reports, Clients, TimeSpan.FromMinutes(20), cancellationToken);

    Console.WriteLine();
    Console.WriteLine($"Soak: {result.Reports} reports on {result.Clients} clients, POST /api/reports, anonymous, 2 x 1 MB PNG evidence");
    Console.WriteLine($"  answers by status: {string.Join(", ", result.Statuses.Select(s => $"{s.Key}: {s.Value}"))}   no 5xx: {Verdict(result.NoServerErrors)}");
    Console.WriteLine($"  intake took {result.IntakeTime.TotalSeconds:F0} s ({result.Reports / result.IntakeTime.TotalSeconds:F1} reports/s); every mail delivered after {result.AllMailTime.TotalSeconds:F0} s");
    Console.WriteLine($"  committee mails: {result.DeliveredMail} of {result.ExpectedMail} delivered   {Verdict(result.DeliveredMail == result.ExpectedMail)}");
    Console.WriteLine(
        $"  host VmRSS: start {Mb(result.BaselineBytes)}   after intake {Mb(result.AfterIntakeBytes)}   end {Mb(result.EndBytes)}   peak {Mb(result.PeakBytes)}   end - start under {FlatTargetMegabytes} MB: {Verdict(result.EndBytes - result.BaselineBytes < FlatTargetMegabytes * 1024 * 1024)}");
    return 0;
}

static void Progress(string step) => Console.Error.WriteLine($"  {DateTime.Now:HH:mm:ss} {step}");

static string Ms(double milliseconds) => $"{milliseconds:F1} ms";

static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F1} MB";

static string Verdict(bool met) => met ? "PASS" : "MISS";
