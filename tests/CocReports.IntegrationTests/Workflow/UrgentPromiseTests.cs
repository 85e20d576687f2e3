using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// "Someone is in danger" gets a short promise of its own (Workflow:UrgentAcknowledgeWithin): the committee is
/// reminded halfway and the escalation contacts hear when it is missed, while a report made at the same moment that is
/// not urgent keeps its longer promise.
/// </summary>
public sealed class UrgentPromiseTests(UrgentPromiseTests.Host host) : IClassFixture<UrgentPromiseTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_urgent_reports_short_promise_reminds_halfway_and_escalates_when_missed_while_an_ordinary_report_waits_its_turn()
    {
        var ordinary = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        var fields = Submissions.Fields(Submissions.NewReporter());
        fields["isOngoing"] = "yes";
        var urgent = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields));

        // Every member is told at once, and promised to the reporter within the short time.
        foreach (var (_, _, email) in LocalHostFixture.Members)
        {
            var told = (await host.Inbox.WaitForAsync(m => m.IsTo(email) && m.Subject.Contains(urgent.Reference, StringComparison.Ordinal) && m.Subject.StartsWith("URGENT:", StringComparison.Ordinal), 1, Long)).First();
            Assert.Contains("we promise this reporter an acknowledgment within 20 seconds", await host.Inbox.TextAsync(told), StringComparison.Ordinal);
        }

        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(urgent.Reference, StringComparison.Ordinal) && m.Subject.Contains("Reminder", StringComparison.OrdinalIgnoreCase), 1, Long);
        await host.Inbox.WaitForAsync(m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.Contains($"report {urgent.Reference} is not acknowledged", StringComparison.Ordinal), 1, Long);

        // The ordinary report, made first, is not overdue: its promise is ten minutes.
        Assert.DoesNotContain(await host.Inbox.AboutAsync(ordinary.Reference), m => m.IsTo(LocalHostFixture.EscalationAddress));
    }

    [Fact]
    public async Task A_report_a_member_marks_urgent_pages_every_member_at_once_and_its_short_promise_escalates_when_missed()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.StartsWith($"New Code of Conduct report {receipt.Reference}", StringComparison.Ordinal), 1, Long);

        await MemberActions.ActAsync(host, receipt.Reference, "kim", Procedure.Links.CaseAction.MarkUrgent);

        foreach (var (_, _, email) in LocalHostFixture.Members)
        {
            var paged = (await host.Inbox.WaitForAsync(m => m.IsTo(email) && m.Subject.StartsWith($"URGENT: Report {receipt.Reference} was marked urgent", StringComparison.Ordinal), 1, Long)).Single();
            Assert.Contains("owed its acknowledgment within 20 seconds from now", await host.Inbox.TextAsync(paged), StringComparison.Ordinal);
        }

        // Its promise is now the urgent one, counted from the marking: the escalation contacts hear of it in seconds, not minutes.
        await host.Inbox.WaitForAsync(
            m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.StartsWith($"URGENT: Overdue: report {receipt.Reference} is not acknowledged", StringComparison.Ordinal), 1, Long);
    }

    /// <summary>An ordinary promise of ten minutes with its reminder at five; the urgent one of twenty seconds.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Workflow:AcknowledgeWithin"] = "00:10:00";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:05:00";
            settings["Workflow:UrgentAcknowledgeWithin"] = "00:00:20";
        }
    }
}
