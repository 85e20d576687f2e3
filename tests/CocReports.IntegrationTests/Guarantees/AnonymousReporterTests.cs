using CocReports.Procedure.Links;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// An anonymous reporter is never mailed and no address of theirs is kept: tried on every door, with the address and
/// name they typed or sent from, while the committee acknowledges, asks, resolves (each a notice the workflow would send
/// a reporter with an address), on every surface.
/// </summary>
[Collection(GuaranteesCollection.Name)]
public sealed class AnonymousReporterTests(GuaranteesHosts hosts)
{
    readonly Host host = hosts.Anonymous;

    [Theory]
    [MemberData(nameof(Doors.Names), MemberType = typeof(Doors))]
    public async Task An_anonymous_reporter_is_never_mailed_and_no_address_or_name_of_theirs_is_kept(string door)
    {
        var report = host.Report(door);

        // An emailed report is answered once with its receipt, as docs/reporters.md says; nothing else ever goes to the sender.
        var receipt = host.Receipts[report.Reference];
        Assert.Equal(report.Door.AnswersAnonymousMail ? 1 : 0, receipt.Count);

        foreach (var surface in Surfaces.All)
        {
            var seen = await surface.ReadAsync(new Look(host, "alex", report, new MailSince(DateTimeOffset.MinValue, receipt)));
            Assert.False(seen.Contains(report.Spec.Identity, StringComparison.OrdinalIgnoreCase), $"The {surface.Name} holds the anonymous reporter's address or name ({report}):\n{seen}");
        }

        // Read before the purge: storage still holds what the reporter wrote.
        var stored = await Surfaces.All.Single(s => s.Name == "stored rows and blobs").ReadAsync(new Look(host, "alex", report, new MailSince(DateTimeOffset.MinValue, receipt)));
        Assert.Contains(report.Spec.Marker, stored, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// An anonymous report through each door, acknowledged, asked a question and resolved; the tests start when the
    /// committee's retention warning, which the workflow sends after every notice to the reporter, has come for each.
    /// The purge is minutes away, so the reports are whole while the tests read them.
    /// </summary>
    public sealed class Host : GuaranteesHost
    {
        public IReadOnlyList<FiledReport> Filed { get; private set; } = [];

        /// <summary>The mail each reporter's address had once the report was filed: the emailed report's receipt.</summary>
        public Dictionary<string, IReadOnlySet<string>> Receipts { get; } = [];

        public FiledReport Report(string door) => Filed.Single(r => r.Door.Name == door);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Workflow:RetentionPeriod"] = "00:02:00";
            settings["Workflow:RetentionWarningBefore"] = "00:01:54";
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Filed = await FileThroughAsync(Doors.All, _ => ReportSpec.New(anonymous: true));
            var all = await Inbox.AllAsync();
            foreach (var report in Filed)
            {
                Receipts[report.Reference] = all.Where(m => m.IsTo(report.Spec.ReporterAddress)).Select(m => m.Id).ToHashSet();
            }

            await Task.WhenAll(Filed.Select(async report =>
            {
                await ActAsync(report.Reference, "alex", CaseAction.Acknowledge);
                await ActAsync(report.Reference, "alex", CaseAction.Ask, new() { ["question"] = "Was anyone else there?" });
                await ResolveAsync(report.Reference);
                await Inbox.WaitForAsync(m => m.IsTo(EmailOf("alex")) && m.Subject.Contains($"Evidence of report {report.Reference} will be deleted", StringComparison.Ordinal), timeout: TimeSpan.FromMinutes(3));
            }));
        }
    }
}
