using CocReports.Procedure.Intake;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using CocReports.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// What an interrupted intake leaves behind, put in place exactly as intake writes it (the host died between storing
/// the report and starting its workflow, or mid-upload), and the sweep that finishes the job.
/// </summary>
[Collection(Name)]
public sealed class IntakeSweepTests(IntakeSweepTests.Host host)
{
    public const string Name = "intake sweep";

    [Fact]
    public async Task A_stored_report_whose_workflow_never_started_reaches_the_committee_and_the_reporter_hears_of_it()
    {
        var reporter = Submissions.NewReporter();
        var report = await StoreWithoutWorkflowAsync(reporter);

        var notices = await host.Inbox.WaitForAsync(
            m => m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal),
            LocalHostFixture.Members.Length,
            TimeSpan.FromSeconds(30));
        Assert.All(LocalHostFixture.Members, member => Assert.Single(notices, m => m.IsTo(member.Email)));

        var receipt = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter), 1, TimeSpan.FromSeconds(30))).Single();
        var text = await host.Inbox.TextAsync(receipt);
        Assert.Contains(report.Reference, text, StringComparison.Ordinal);
        Assert.Contains("receipt code you were shown", text, StringComparison.Ordinal);

        var instance = await host.Workflows.GetInstanceAsync(report.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
    }

    [Fact]
    public async Task A_workflow_the_sweep_starts_late_keeps_the_promises_the_report_arrived_under_not_the_options_of_the_day()
    {
        // Stored while the committee promised 72 hours and 10 days; the host restarted since with 8 and 16 seconds.
        var reporter = Submissions.NewReporter();
        var arrivedUnder = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72), FollowUpWithin = TimeSpan.FromDays(10) };
        var report = await StoredReports.StoreWithoutWorkflowAsync(host.Services, Submissions.Fields(reporter), schedule: arrivedUnder);

        var notice = (await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal))).First();
        Assert.Contains("an acknowledgment within 72 hours", await host.Inbox.TextAsync(notice), StringComparison.Ordinal);
        var receipt = await host.Inbox.TextAsync(Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter))));
        Assert.Contains("acknowledge your report within 72 hours, follow up with you within 10 days", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_no_stored_report_lists_is_deleted_after_the_grace_period_and_a_stored_reports_is_kept()
    {
        var abandoned = ReportReference.New();
        var store = host.Services.GetRequiredService<IEvidenceStore>();
        await store.SaveAsync($"{abandoned}/00", "image/png", new MemoryStream(Submissions.Png(2048)), CancellationToken.None);
        var kept = await Submissions.SubmitAsync(
            host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter()), ("shot.png", "image/png", Submissions.Png(2048))));
        var listed = Assert.Single(await host.EvidenceBlobsAsync(kept.Reference));

        // An attempt that lost to its retry leaves files under a stored report that the report does not list.
        var lost = $"{kept.Reference}/lostattempt/00";
        await store.SaveAsync(lost, "image/png", new MemoryStream(Submissions.Png(2048)), CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await host.EvidenceBlobsAsync(abandoned)).Count > 0 || (await host.EvidenceBlobsAsync(kept.Reference)).Contains(lost))
        {
            Assert.True(DateTime.UtcNow < deadline, "The abandoned evidence was not deleted.");
            await Task.Delay(250);
        }

        // The sweep that deleted the lost attempt's file, written after the stored report's, had that one past the grace
        // too; once a later sweep has run, that sweep is over.
        await WaitForNextSweepAsync();
        Assert.Equal([listed], await host.EvidenceBlobsAsync(kept.Reference));
    }

    Task<Report> StoreWithoutWorkflowAsync(string reporter) =>
        StoredReports.StoreWithoutWorkflowAsync(host.Services, Submissions.Fields(reporter));

    // A later sweep has run when a report stored after it was picked up by it.
    async Task WaitForNextSweepAsync()
    {
        var marker = await StoreWithoutWorkflowAsync(Submissions.NewReporter());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await host.Workflows.GetInstanceAsync(marker.InstanceId) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "No sweep ran.");
            await Task.Delay(250);
        }
    }

    /// <summary>The shared fixture with a sweep every second and short grace periods.</summary>
    public sealed class Host : LocalHostFixture
    {
        public const string AbandonedAfter = "00:00:03";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Intake:SweepEvery"] = "00:00:01";
            settings["Intake:SweepGrace"] = "00:00:02";
            settings["Intake:AbandonedEvidenceAfter"] = AbandonedAfter;
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
