using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Benchmarks;
using CocReports.Procedure.Links;

// Usage: CocReports.Benchmarks --base-url http://127.0.0.1:PORT --apart-url http://127.0.0.1:PORT --storage "CONNECTION STRING" --host-pid PID
//   --smtp4dev URL --azurite-logs DIR --task-hub NAME --signing-key KEY --retention SECONDS
//   [--mode latency|counts|intake|soak|flood] [--reports N (soak)]
//   [--smtp-port P --imap-port P --conduct ADDRESS --messages N --watch SECONDS (flood)]
// "counts" runs only the counting scenes (a few reports, one whole life): light enough to run beside other work.
// "intake" runs only the intake latency beside its floor.
// Prints figures, asserts nothing: exits 0 whatever the targets say, 1 when a step fails.
const double FlatTargetMegabytes = 64;
const int CountedReports = 10;
const double OperationsBefore = 68.9; // storage operations per announced report before the cuts: `./bench.sh counts` on commit 2dce628, the procedure as on main (2026-11-26)
const int OpenCaseCount = 2000;
const double IdleCpuTarget = 0.02; // of one core
var openCaseWatch = TimeSpan.FromSeconds(60);
var warningBefore = TimeSpan.FromSeconds(15); // bench.sh: Workflow__RetentionWarningBefore
const double GrowthTargetMegabytes = 64;
const long LargeFileBytes = (25L * 1024 * 1024) - 1; // the default per-file limit is 25 MB, inclusive
const int ClientAddresses = 16; // the busiest level's clients, each a reporter of its own

var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
if (!options.TryGetValue("--base-url", out var baseUrl) || !options.TryGetValue("--storage", out var storage)
    || !options.TryGetValue("--host-pid", out var hostPid) || !options.TryGetValue("--apart-url", out var apartUrl))
{
    Console.Error.WriteLine("Usage: CocReports.Benchmarks --base-url URL --apart-url URL --storage CONNECTION-STRING --host-pid PID");
    return 2;
}

var mode = options.GetValueOrDefault("--mode", "latency");
var soak = mode == "soak";
using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(30));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    bounded.Cancel();
};
var cancellationToken = bounded.Token;

try
{
    var evidence = new SmallEvidence();
    var apiUrl = new Uri(baseUrl.TrimEnd('/') + "/");
    using var http = IntakeBenchmark.CreateClient(apiUrl, ClientAddresses);
    var intake = new IntakeBenchmark(http, evidence);
    using var oneAddressHttp = IntakeBenchmark.CreateClient(apiUrl, 1);
    var oneAddress = new IntakeBenchmark(oneAddressHttp, evidence);
    using var apartHttp = IntakeBenchmark.CreateClient(new Uri(apartUrl.TrimEnd('/') + "/"), ClientAddresses);
    var apart = new IntakeBenchmark(apartHttp, evidence);
    if (mode == "flood")
    {
        using var mailApi = new HttpClient { BaseAddress = new Uri(options["--smtp4dev"].TrimEnd('/') + "/") };
        var floodMembers = (await http.GetFromJsonAsync<JsonElement>("api/committee", cancellationToken)).GetArrayLength();
        await new FloodBenchmark(http, mailApi, int.Parse(options["--smtp-port"], CultureInfo.InvariantCulture), int.Parse(options["--imap-port"], CultureInfo.InvariantCulture), options["--conduct"])
            .RunAsync(int.Parse(options.GetValueOrDefault("--messages", "1000"), CultureInfo.InvariantCulture), TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("--watch", "180"), CultureInfo.InvariantCulture)), floodMembers, cancellationToken);
        return 0;
    }

    if (soak)
    {
        var reports = int.Parse(options.GetValueOrDefault("--reports", "1000"), CultureInfo.InvariantCulture);
        return await SoakAsync(intake, http, options["--smtp4dev"], int.Parse(hostPid, CultureInfo.InvariantCulture), reports, cancellationToken);
    }

    var floor = await StorageFloor.CreateAsync(storage, evidence, cancellationToken);
    var probe = new MemoryProbe(int.Parse(hostPid, CultureInfo.InvariantCulture));
    using var smtp4dev = new HttpClient { BaseAddress = new Uri(options["--smtp4dev"].TrimEnd('/') + "/") };
    var mailbox = new Mailbox(smtp4dev);
    var storageRequests = new StorageRequests(options["--azurite-logs"], options["--task-hub"]);
    var links = new ActionLinks(new LinkOptions { SigningKey = options["--signing-key"], PublicBaseUrl = new Uri(baseUrl) }, TimeProvider.System);
    var cost = new WorkflowCost(http, mailbox, storageRequests, new TableServiceClient(storage), options["--task-hub"], links);
    var retention = TimeSpan.FromSeconds(int.Parse(options["--retention"], CultureInfo.InvariantCulture));
    var members = (await http.GetFromJsonAsync<JsonElement>("api/committee", cancellationToken)).GetArrayLength();
    if (mode == "counts")
    {
        await CountAsync(cost, members, retention, cancellationToken);
        return 0;
    }

    if (mode == "intake")
    {
        await MeasureIntakeAsync(floor, intake, oneAddress, apart, mailbox, members, cancellationToken);
        await floor.DeleteAsync(cancellationToken);
        return 0;
    }

    // What the host costs with nothing to do: the durable engine's polls and lease renewals.
    Progress("idle: 60 s with no report, counting storage requests");
    var idleFrom = storageRequests.Mark();
    await Task.Delay(TimeSpan.FromSeconds(60), cancellationToken);
    var idle = storageRequests.Between(idleFrom, storageRequests.Mark());

    // Memory first, on a host that has only warmed up: later runs leave workflows behind that would move the baseline.
    // The warm-up files exceed the evidence store's 4 MB single-shot size, so block uploads are already JIT-compiled.
    Progress("warm-up report (2 x 5 MB), then one report with 4 x 25 MB files while sampling the host's VmRSS");
    await intake.SubmitAsync([new GeneratedEvidence(5L * 1024 * 1024), new GeneratedEvidence(5L * 1024 * 1024)], cancellationToken);
    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
    var memory = await probe.WatchAsync(
        token => intake.SubmitAsync([.. Enumerable.Range(0, 4).Select(_ => (HttpContent)new GeneratedEvidence(LargeFileBytes))], token),
        cancellationToken);

    await MeasureIntakeAsync(floor, intake, oneAddress, apart, mailbox, members, cancellationToken);
    await floor.DeleteAsync(cancellationToken);

    Console.WriteLine();
    Console.WriteLine($"Idle host, no open case: {idle.Values.Sum()} storage requests in 60 s");
    foreach (var (kind, n) in idle.OrderByDescending(k => k.Value))
    {
        Console.WriteLine($"  {kind,-44} {n,6}");
    }

    Console.WriteLine();
    Console.WriteLine($"Host memory while one report with 4 x {LargeFileBytes:N0} bytes uploads (VmRSS every 20 ms, {memory.Samples} samples, {memory.Duration.TotalSeconds:F1} s to the 202)");
    Console.WriteLine(
        $"  baseline {Mb(memory.BaselineBytes)}   peak {Mb(memory.PeakBytes)}   growth {Mb(memory.GrowthBytes)}   target: under {GrowthTargetMegabytes} MB {Verdict(memory.GrowthBytes < GrowthTargetMegabytes * 1024 * 1024)}");

    // Counts and open cases print as they finish: a late step that fails leaves the earlier figures on screen.
    await CountAsync(cost, members, retention, cancellationToken);

    Progress($"open cases: {OpenCaseCount:N0} reports filed on 8 clients and announced, then the idle host watched for {openCaseWatch.TotalSeconds:F0} s while one resolved case's retention warning falls due");
    var open = await new OpenCases(intake, mailbox, storageRequests, cost, int.Parse(hostPid, CultureInfo.InvariantCulture))
        .RunAsync(OpenCaseCount, 8, members, openCaseWatch, retention - warningBefore, cancellationToken);
    Console.WriteLine();
    var cpuShare = open.Cpu / open.Watched;
    Console.WriteLine($"{open.Cases:N0} open cases waiting on timers ({open.Refused} filings answered 429 and were sent again), idle host watched for {open.Watched.TotalSeconds:F0} s:");
    Console.WriteLine($"  CPU {open.Cpu.TotalSeconds:F2} s = {cpuShare:P1} of one core   target: under {IdleCpuTarget:P0} {Verdict(cpuShare < IdleCpuTarget)}");
    Console.WriteLine($"  VmRSS {Mb(open.MemoryBefore)} -> {Mb(open.MemoryAfter)} (peak {Mb(open.MemoryPeak)})   target: flat within {FlatTargetMegabytes} MB {Verdict(open.MemoryPeak - open.MemoryBefore < FlatTargetMegabytes * 1024 * 1024)}");
    Console.WriteLine(open.WarningLate is { } late
        ? $"  a retention warning due among them arrived {late.TotalSeconds:F1} s after its time   target: within the engine's polling interval (10 s) {Verdict(late < TimeSpan.FromSeconds(10))}"
        : "  the retention warning due among them did not arrive while watched   MISS");
    Console.WriteLine($"  storage requests meanwhile: {open.Requests.Values.Sum()} ({string.Join(", ", open.Requests.OrderByDescending(r => r.Value).Take(4).Select(r => $"{r.Key}: {r.Value}"))})");

    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"Benchmark failed: {e.GetType().Name}: {e.Message}");
    return 1;
}

// Intake latency beside its storage floor, each run with the machine's load average: one client; 16 clients that all
// come from one address (so every request counts on one rate-limit row); 16 clients from 16 addresses, as reporters
// are. Then how fast the engine announces what was filed: from the start of the last run to the last committee mail.
// After those, with the engine quiet again, 16 clients on a host that runs no workflows (`apart`): intake where the
// engine runs on other instances, as Flex Consumption places it.
static async Task MeasureIntakeAsync(StorageFloor floor, IntakeBenchmark intake, IntakeBenchmark oneAddress, IntakeBenchmark apart, Mailbox mailbox, int members, CancellationToken cancellationToken)
{
    const double BusyRatioTarget = 2;
    (int Clients, int WarmUp, int Requests)[] floorRuns = [(1, 5, 40), (16, 16, 160)];
    (string Label, IntakeBenchmark Benchmark, int Clients, int WarmUp, int Requests)[] intakeRuns =
    [
        ("1 client", intake, 1, 5, 40),
        ("16 clients, one address", oneAddress, 16, 16, 160),
        ($"16 clients, {ClientAddresses} addresses", intake, 16, 16, 160),
    ];

    // The floor first, so it runs on a quiet host rather than beside the workflows intake starts.
    var floors = new Dictionary<int, (Percentiles Latency, string Load)>();
    foreach (var (clients, warmUp, requests) in floorRuns)
    {
        Progress($"storage floor: {requests} reports on {clients} client(s) after {warmUp} warm-up");
        var load = LoadAverage();
        var latency = await Latency.MeasureAsync(floor.StoreReportAsync, clients, warmUp, requests, cancellationToken);
        floors[clients] = (latency, $"{load}-{LoadAverage()}");
    }

    var intakes = new List<(Percentiles Latency, string Load, int Refused)>();
    var announced = TimeSpan.Zero;
    var announcedReports = 0;
    foreach (var (label, benchmark, clients, warmUp, requests) in intakeRuns)
    {
        Progress($"intake, {label}: {requests} reports after {warmUp} warm-up");
        var mailBefore = await mailbox.CountAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var load = LoadAverage();
        var refusedBefore = benchmark.Refused;
        var latency = await Latency.MeasureAsync(benchmark.SubmitAsync, clients, warmUp, requests, cancellationToken);
        intakes.Add((latency, $"{load}-{LoadAverage()}", benchmark.Refused - refusedBefore));
        if (label == intakeRuns[^1].Label)
        {
            Progress("waiting until every report filed is announced to every member");
            var expected = (intake.Accepted + oneAddress.Accepted) * members;
            await mailbox.WaitForAsync(expected, TimeSpan.FromMinutes(10), cancellationToken);
            announced = Stopwatch.GetElapsedTime(started);
            announcedReports = (expected - mailBefore) / members;
        }
    }

    // Last, once the engine is quiet again, so the runs before it meet the machine as they always did.
    const string ApartLabel = "16 addresses, engine apart";
    Progress($"intake on a host that runs no workflows, {ClientAddresses} clients from {ClientAddresses} addresses: 160 reports after 16 warm-up");
    var apartLoad = LoadAverage();
    var apartLatency = await Latency.MeasureAsync(apart.SubmitAsync, 16, 16, 160, cancellationToken);
    apartLoad = $"{apartLoad}-{LoadAverage()}";

    Console.WriteLine();
    Console.WriteLine("Intake latency: POST /api/reports, anonymous, a fresh Idempotency-Key, 2 x 1 MB PNG evidence, Accept: application/json -> 202, while the engine announces earlier reports");
    Console.WriteLine("Storage floor:  the same writes with the Azure SDK on the same Azurite: 2 x 1 MB blobs + 1 report row upsert");
    Console.WriteLine("Load: the machine's 1-minute load average at the start and end of each run (2 cores, shared)");
    Console.WriteLine();
    Console.WriteLine($"{"",-26} {"requests",8} | {"intake p50",10} {"p99",10} {"load",9} | {"floor p50",10} {"p99",10} {"load",9} | {"ratio p50",9} {"p99",6} | target: p99 within {BusyRatioTarget}x at 16");
    for (var i = 0; i < intakeRuns.Length; i++)
    {
        var (label, _, clients, _, requests) = intakeRuns[i];
        var (latency, load, refused) = intakes[i];
        var (floorLatency, floorLoad) = floors[clients];
        var (p50, p99) = (latency.P50 / floorLatency.P50, latency.P99 / floorLatency.P99);
        var verdict = (clients == 16 ? $"{p99:F2}x {Verdict(p99 <= BusyRatioTarget)}" : "") + (refused > 0 ? $"  ({refused} answered 429, a lost counting race, and sent again)" : "");
        Console.WriteLine(
            $"{label,-26} {requests,8} | {Ms(latency.P50),10} {Ms(latency.P99),10} {load,9} | {Ms(floorLatency.P50),10} {Ms(floorLatency.P99),10} {floorLoad,9} | {p50,9:F2} {p99,6:F2} | {verdict}");
    }

    var apartRatio = (P50: apartLatency.P50 / floors[16].Latency.P50, P99: apartLatency.P99 / floors[16].Latency.P99);
    Console.WriteLine(
        $"{ApartLabel,-26} {160,8} | {Ms(apartLatency.P50),10} {Ms(apartLatency.P99),10} {apartLoad,9} | {Ms(floors[16].Latency.P50),10} {Ms(floors[16].Latency.P99),10} {floors[16].Load,9} | {apartRatio.P50,9:F2} {apartRatio.P99,6:F2} | {apartRatio.P99:F2}x {Verdict(apartRatio.P99 <= BusyRatioTarget)}");

    var busy = intakes[^1].Latency.P99 / floors[16].Latency.P99;
    var sustained = announcedReports / announced.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"Two views of the last 16-client run ({intakeRuns[^1].Label}):");
    Console.WriteLine($"  what a reporter feels: intake p99 {Ms(intakes[^1].Latency.P99)} while the engine announces earlier reports, floor p99 {Ms(floors[16].Latency.P99)}: {busy:F2}x   target: within {BusyRatioTarget}x {Verdict(busy <= BusyRatioTarget)}");
    Console.WriteLine($"  the same reporter where the engine runs on other instances (Flex Consumption's placement; here a host with no workflows, the engine idle): intake p99 {Ms(apartLatency.P99)}: {apartRatio.P99:F2}x   target: within {BusyRatioTarget}x {Verdict(apartRatio.P99 <= BusyRatioTarget)}");
    Console.WriteLine($"  what the system sustains: {announcedReports} reports fully announced (every committee mail delivered) in {announced.TotalSeconds:F1} s = {sustained:F1} reports/s; storage floor {floors[16].Latency.PerSecond:F1} reports/s ({sustained / floors[16].Latency.PerSecond:P0} of it)");
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

// Reports with evidence (1,000 unless --reports says otherwise) at 32 concurrent clients; every mail accounted for; memory over the whole run.
static async Task<int> SoakAsync(IntakeBenchmark intake, HttpClient api, string smtp4devUrl, int hostPid, int reports, CancellationToken cancellationToken)
{
    const int Clients = 32;
    const double FlatTargetMegabytes = 64;
    using var smtp4dev = new HttpClient { BaseAddress = new Uri(smtp4devUrl.TrimEnd('/') + "/") };
    Progress($"soak: {reports} reports (2 x 1 MB evidence each) on {Clients} clients, then until every committee mail is delivered");
    var result = await new Soak(intake, api, smtp4dev, new MemoryProbe(hostPid)).RunAsync(reports, Clients, TimeSpan.FromMinutes(20), cancellationToken);

    Console.WriteLine();
    Console.WriteLine($"Soak: {result.Reports} reports on {result.Clients} clients, POST /api/reports, anonymous, 2 x 1 MB PNG evidence");
    Console.WriteLine($"  answers by status: {string.Join(", ", result.Statuses.Select(s => $"{s.Key}: {s.Value}"))}   no 5xx: {Verdict(result.NoServerErrors)}");
    Console.WriteLine($"  intake took {result.IntakeTime.TotalSeconds:F0} s ({result.Reports / result.IntakeTime.TotalSeconds:F1} reports/s); every mail delivered after {result.AllMailTime.TotalSeconds:F0} s");
    Console.WriteLine($"  committee mails: {result.DeliveredMail} of {result.ExpectedMail} delivered   {Verdict(result.DeliveredMail == result.ExpectedMail)}");
    Console.WriteLine(
        $"  host VmRSS: start {Mb(result.BaselineBytes)}   after intake {Mb(result.AfterIntakeBytes)}   end {Mb(result.EndBytes)}   peak {Mb(result.PeakBytes)}   end - start under {FlatTargetMegabytes} MB: {Verdict(result.EndBytes - result.BaselineBytes < FlatTargetMegabytes * 1024 * 1024)}");
    return 0;
}

// Counted per report: announced (10 reports filed one after another) and one whole life.
static async Task CountAsync(WorkflowCost cost, int members, TimeSpan retention, CancellationToken cancellationToken)
{
    Progress($"counting: {CountedReports} reports with a reporter address, one after another, until every mail is sent and the engine is quiet");
    var announce = await cost.AnnounceAsync(CountedReports, members, cancellationToken);
    Progress($"counting: one report's whole life (acknowledge, follow-up, 3 status updates, resolution, retention warning and purge {retention.TotalSeconds:F0} s later)");
    var life = await cost.WholeLifeAsync(members, retention, cancellationToken);
    Console.WriteLine();
    Console.WriteLine($"Per report: {CountedReports} reports with a reporter (no evidence), intake until the receipt and {members} committee mails are sent; one whole life");
    Console.WriteLine($"{"",-44} {"announced",10} {"whole life",10}");
    Row("durable activities", announce.PerReport(announce.Activities), life.Activities);
    Row("orchestrator replays (episodes)", announce.PerReport(announce.Replays), life.Replays);
    Row("SMTP sends", announce.PerReport(announce.Mails), life.Mails);
    Row("orchestration history (KB, last generation)", announce.PerReport(announce.HistoryBytes) / 1024, life.HistoryBytes / 1024.0);
    Row("generations (ContinueAsNew + 1)", announce.PerReport(announce.Generations), life.Generations);
    Row("storage operations (polls and leases apart)", announce.PerReport(announce.Operations), life.Operations);
    foreach (var kind in announce.Requests.Keys.Union(life.Requests.Keys).Where(k => !k.IsBackground).OrderBy(k => k.ToString(), StringComparer.Ordinal))
    {
        Row($"  {kind}", announce.PerReport(announce.Requests.GetValueOrDefault(kind)), life.Requests.GetValueOrDefault(kind));
    }

    Row("polls and lease renewals meanwhile", announce.PerReport(announce.Requests.Where(r => r.Key.IsBackground).Sum(r => r.Value)), life.Requests.Where(r => r.Key.IsBackground).Sum(r => r.Value));
    Console.WriteLine($"  (announcing {CountedReports} took {announce.Elapsed.TotalSeconds:F1} s, the whole life {life.Elapsed.TotalSeconds:F1} s with a {retention.TotalSeconds:F0} s retention period)");

    Console.WriteLine($"  storage operations per announced report: {announce.PerReport(announce.Operations):F1}, before the cuts {OperationsBefore:F1}   target: at most half {Verdict(OperationsBefore > 0 && announce.PerReport(announce.Operations) <= OperationsBefore / 2)}");

}

static void Row(string what, double announced, double life) => Console.WriteLine($"{what,-44} {announced,10:F1} {life,10:F1}");

static void Progress(string step) => Console.Error.WriteLine($"  {DateTime.Now:HH:mm:ss} {step}");

static string Ms(double milliseconds) => $"{milliseconds:F1} ms";

static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F1} MB";

static string Verdict(bool met) => met ? "PASS" : "MISS";
