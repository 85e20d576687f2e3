using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// A legal hold on the real durable engine: a resolved case whose retention period (seconds here) has run out is kept
/// while the hold is in place, the committee is asked whether it is still needed, and once a member lifts it the purge
/// is warned of and comes.
/// </summary>
public sealed class LegalHoldTests(LegalHoldTests.Host host) : IClassFixture<LegalHoldTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_held_case_outlives_its_retention_is_reviewed_and_is_purged_once_the_hold_is_lifted()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal), 1, Long);
        await MemberActions.ActAsync(host, receipt.Reference, "alex", CaseAction.LegalHold, new() { ["ground"] = "Claim" });
        await MemberActions.ActAsync(host, receipt.Reference, "sam", CaseAction.Resolve, new()
        {
            ["violation"] = "no",
            ["incidentType"] = "Other",
            ["actions"] = "None.",
            ["publicSummary"] = "No violation was found.",
        });
        var resolvedAt = DateTimeOffset.UtcNow;

        // Asked twice, the case still whole long after its retention period (LocalHostFixture's, 12 seconds) ran out.
        var reviews = await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject == $"Is the legal hold on report {receipt.Reference} still needed?", 2, Long);
        Assert.True(DateTimeOffset.UtcNow - resolvedAt > TimeSpan.Parse(LocalHostFixture.RetentionPeriod, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null((await States.GetCaseStateAsync(receipt.Reference, default)).EvidencePurgedAt);
        Assert.DoesNotContain(await Steps(receipt.Reference), s => s.Step == CaseStep.EvidencePurged);

        await MemberActions.ActAsync(host, receipt.Reference, "kim", CaseAction.LegalHold);
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.StartsWith($"Evidence of report {receipt.Reference} will be deleted", StringComparison.Ordinal), 1, Long);
        for (var deadline = DateTime.UtcNow + Long; (await States.GetCaseStateAsync(receipt.Reference, default)).EvidencePurgedAt is null;)
        {
            Assert.True(DateTime.UtcNow < deadline, "The case was not purged after its hold was lifted.");
            await Task.Delay(500);
        }

        var steps = await Steps(receipt.Reference);
        Assert.Contains(steps, s => s.Step == CaseStep.LegalHoldPlaced && s.MemberId == "alex" && s.Note == "A legal claim or proceedings");
        Assert.Contains(steps, s => s.Step == CaseStep.LegalHoldLifted && s.MemberId == "kim");
        Assert.NotEmpty(reviews);
    }

    ICaseStates States => host.Services.GetRequiredService<ICaseStates>();

    Task<IReadOnlyList<TimelineEntry>> Steps(string reference) => host.Services.GetRequiredService<ITimeline>().ReadAsync(reference, CancellationToken.None);

    /// <summary>The hold reviewed every few seconds; the report's own promises too far off to remind during the test.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Workflow:LegalHoldReviewEvery"] = "00:00:08";
            settings["Workflow:AcknowledgeWithin"] = "01:00:00";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:30:00";
            settings["Workflow:FollowUpWithin"] = "02:00:00";
            settings["Workflow:FollowUpRemindAfter:0"] = "01:00:00";
        }
    }
}
