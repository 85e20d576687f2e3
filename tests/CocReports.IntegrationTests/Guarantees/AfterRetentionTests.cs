using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// After the retention period nothing the reporter typed or sent remains anywhere: tried on every door, with the
/// report's markers in every field the door accepts, on every surface (every page, every mail sent since, every row
/// and blob of the host's storage).
/// </summary>
[Collection(GuaranteesCollection.Name)]
public sealed class AfterRetentionTests(GuaranteesHosts hosts)
{
    readonly Host host = hosts.Retention;

    [Theory]
    [MemberData(nameof(Doors.Names), MemberType = typeof(Doors))]
    public async Task After_retention_nothing_the_reporter_typed_or_sent_remains_on_any_surface(string door)
    {
        var report = host.Report(door);
        foreach (var surface in Surfaces.All)
        {
            var reader = surface.Reader == Reader.Member ? "alex" : "reporter";
            var seen = await surface.ReadAsync(new Look(host, "alex", report, host.PurgedSince(report)));
            foreach (var secret in new[] { report.Spec.Marker, report.Spec.Identity })
            {
                Assert.False(seen.Contains(secret, StringComparison.OrdinalIgnoreCase), $"After the purge the {surface.Name} shows the {reader} {secret} of {report}:\n{seen}");
            }
        }

        // The purge kept the outcome: the case page still opens, and storage still holds the report's rows.
        Assert.StartsWith("200", await Surfaces.All.Single(s => s.Name.StartsWith("case page", StringComparison.Ordinal)).ReadAsync(new Look(host, "alex", report, host.PurgedSince(report))), StringComparison.Ordinal);
    }

    /// <summary>A report through each door, resolved at once; the tests start when every one is purged.</summary>
    public sealed class Host : GuaranteesHost
    {
        public IReadOnlyList<FiledReport> Filed { get; private set; } = [];

        /// <summary>When each report was purged: mail composed before may carry it (members' mail does here), mail composed since must not.</summary>
        readonly Dictionary<string, DateTimeOffset> purgedAt = [];

        public MailSince PurgedSince(FiledReport report) => new(purgedAt[report.Reference]);

        public FiledReport Report(string door) => Filed.Single(r => r.Door.Name == door);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Filed = await FileThroughAsync(Doors.All, _ => ReportSpec.New());
            var store = Services.GetRequiredService<ICaseStates>();
            await Task.WhenAll(Filed.Select(async report =>
            {
                await ResolveAsync(report.Reference);
                await EventuallyAsync(
                    async () => (await Workflows.GetInstanceAsync(WorkflowInstance.For(report.Reference)))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
                    $"{report} was not purged.",
                    within: TimeSpan.FromMinutes(3)); // as the other hosts wait: on a loaded machine a mail retried before the purge delays its end
                var purged = (await store.GetCaseStateAsync(report.Reference, default)).EvidencePurgedAt;
                Assert.NotNull(purged);
                lock (purgedAt)
                {
                    purgedAt[report.Reference] = purged.Value;
                }
            }));
        }
    }
}
