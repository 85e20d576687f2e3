using CocReports.Procedure.Activities;
using CocReports.Procedure.Notifications;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// The committee's mail as the host sends it, in each reader's language: a German committee (<c>Committee:Language</c>)
/// writes to its members and its escalation contact in German, and to a member who reads English
/// (<c>Committee:Members:n:Language</c>) in English. Run as activities, on a report stored without a workflow.
/// </summary>
public sealed class GermanCommitteeMailTests(GermanCommitteeMailTests.Host host) : IClassFixture<GermanCommitteeMailTests.Host>
{
    /// <summary>The committee reads German, Sam English; no sweep starts a workflow for the stored report.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Intake:SweepEvery"] = "1.00:00:00";
            settings["Committee:Language"] = "de";
            settings["Committee:Members:1:Language"] = "en";
        }
    }

    [Fact]
    public async Task Members_read_the_new_report_in_their_language_and_the_escalation_contact_the_overdue_notice_in_the_committees()
    {
        var report = await StoredReports.StoreWithoutWorkflowAsync(host.Services, Submissions.Fields(Submissions.NewReporter()));
        var reference = report.Reference;

        await Activity<FindAudience>().RunAsync(reference);
        await Activity<NotifyMember>().RunAsync(new MemberNotice(reference, "alex", CommitteeNoticeKind.NewReport, "new"));
        await Activity<NotifyMember>().RunAsync(new MemberNotice(reference, "sam", CommitteeNoticeKind.NewReport, "new"));
        await Activity<NotifyEscalationContact>().RunAsync(new EscalationNotice(reference, 0, CommitteeNoticeKind.AcknowledgeOverdue, "due-1"));

        var alex = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(reference, StringComparison.Ordinal)));
        Assert.Equal($"Neue Verhaltenskodex-Meldung {reference} (Test Community)", alex.Subject);
        var alexText = await host.Inbox.TextAsync(alex);
        Assert.Contains("Hallo Alex Rivera,", alexText, StringComparison.Ordinal);
        Assert.Contains("Eingang dieser Meldung bestätigen", alexText, StringComparison.Ordinal);
        Assert.Contains("Someone kept interrupting me in the community call.", alexText, StringComparison.Ordinal);
        Assert.Contains("lang=\"de\"", await host.Inbox.HtmlAsync(alex), StringComparison.Ordinal);

        var sam = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.Contains(reference, StringComparison.Ordinal)));
        Assert.Equal($"New Code of Conduct report {reference} (Test Community)", sam.Subject);
        Assert.Contains("Acknowledge this report", await host.Inbox.TextAsync(sam), StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", await host.Inbox.HtmlAsync(sam), StringComparison.Ordinal);

        var board = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.Contains(reference, StringComparison.Ordinal)));
        Assert.Equal($"Überfällig: Eingang der Meldung {reference} nicht bestätigt", board.Subject);
        Assert.Contains("Eine Verhaltenskodex-Meldung an Test Community ist überfällig", await host.Inbox.TextAsync(board), StringComparison.Ordinal);
        Assert.Contains("lang=\"de\"", await host.Inbox.HtmlAsync(board), StringComparison.Ordinal);
    }

    T Activity<T>()
        where T : notnull => host.Services.GetRequiredService<T>();
}
