using System.Net;
using CocReports.Procedure.Links;
using CocReports.Procedure.Timeline;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// A fast path when someone is in danger, on the real durable engine: any one member takes an interim measure at once,
/// every member is told within seconds, and the committee must confirm or lift it within Workflow:MeasureReviewWithin
/// (30 seconds here), reminded halfway and escalated at the deadline; a review stops the reminders. What was done stays
/// on the case page: not in mail, not on the timeline, not on the reporter's status page.
/// </summary>
public sealed class InterimMeasureTests(InterimMeasureTests.Host host) : IClassFixture<InterimMeasureTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_measure_one_member_takes_reaches_every_member_at_once_and_escalates_when_no_one_reviews_it()
    {
        var receipt = await SubmitAsync();
        var secret = "Removed from the chat " + Guid.NewGuid().ToString("N");

        await TakeAsync(receipt.Reference, "alex", secret);

        foreach (var (_, _, email) in LocalHostFixture.Members)
        {
            var told = (await host.Inbox.WaitForAsync(m => m.IsTo(email) && m.Subject.StartsWith($"URGENT: Interim measure taken on report {receipt.Reference}", StringComparison.Ordinal), 1, Long)).Single();
            var text = await host.Inbox.TextAsync(told);
            Assert.Contains("confirm or lift it within 30 seconds", text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.Contains($"Reminder: review the interim measure on report {receipt.Reference}", StringComparison.Ordinal), 1, Long);
        var overdue = (await host.Inbox.WaitForAsync(
            m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.Contains($"the interim measure on report {receipt.Reference} is not reviewed", StringComparison.Ordinal),
            1,
            Long)).First();
        Assert.Contains("an interim measure one member took was not confirmed or lifted", await host.Inbox.TextAsync(overdue), StringComparison.Ordinal);

        var steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(receipt.Reference, CancellationToken.None);
        var taken = Assert.Single(steps, s => s.Step == CaseStep.InterimMeasureRecorded);
        Assert.Equal("alex", taken.MemberId);
        Assert.DoesNotContain(steps, s => s.Note?.Contains(secret, StringComparison.Ordinal) == true);
        Assert.Contains(steps, s => s.Step == CaseStep.MeasureReviewOverdue);

        // The reporter reads what the committee sent them, never its measures.
        using var status = await host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = receipt.Reference, ["receiptCode"] = receipt.ReceiptCode }));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.DoesNotContain(secret, await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_member_confirming_the_measure_stops_its_reminders_and_the_member_who_took_it_cannot_confirm_it_alone()
    {
        var receipt = await SubmitAsync();
        await TakeAsync(receipt.Reference, "alex", "Removed from the event for now");

        using (var alone = await MemberActions.PostAsync(host, receipt.Reference, "alex", CaseAction.ReviewMeasure, new() { ["review"] = "confirmed" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
            Assert.Contains("another member confirms it", await alone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var confirmed = await MemberActions.PostAsync(host, receipt.Reference, "sam", CaseAction.ReviewMeasure, new() { ["review"] = "confirmed" }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        // A later signal: a measure on another report, taken after this one was confirmed, is reminded at its own
        // halfway mark, after this one's would have been. This one is never reminded.
        var other = await SubmitAsync();
        await TakeAsync(other.Reference, "kim", "Kept out of the hallway track");
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains($"Reminder: review the interim measure on report {other.Reference}", StringComparison.Ordinal), 1, Long);

        var steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(receipt.Reference, CancellationToken.None);
        Assert.Single(steps, s => s.Step == CaseStep.InterimMeasureConfirmed && s.MemberId == "sam");
        Assert.DoesNotContain(steps, s => s.Step == CaseStep.MeasureReviewReminder);
        Assert.DoesNotContain(await host.Inbox.AboutAsync(receipt.Reference), m => m.Subject.Contains("Reminder: review the interim measure", StringComparison.Ordinal));
    }

    // Urgent, as a report that needs a measure is; its own acknowledgment promise far off, so only measures are reminded.
    async Task<Receipt> SubmitAsync()
    {
        var fields = Submissions.Fields(Submissions.NewReporter());
        fields["isOngoing"] = "yes";
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields));
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.Contains($"New Code of Conduct report {receipt.Reference}", StringComparison.Ordinal), 1, Long);
        return receipt;
    }

    Task TakeAsync(string reference, string memberId, string measure) =>
        MemberActions.ActAsync(host, reference, memberId, CaseAction.InterimMeasure, new()
        {
            ["measure"] = measure,
            ["until"] = DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>Measures reviewed within 30 seconds; the reports' own promises too far off to remind during the test.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Workflow:MeasureReviewWithin"] = "00:00:30";
            settings["Workflow:AcknowledgeWithin"] = "01:00:00";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:30:00";
            settings["Workflow:UrgentAcknowledgeWithin"] = "01:00:00";
        }
    }
}
