using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using CocReports.Procedure.Activities;
using CocReports.Procedure.Links;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// "Every mail is sent once per recipient and occasion" when the durable engine delivers an activity again while its
/// first run is still going (at-least-once delivery gives no promise that the runs take turns): the real activities,
/// two runs at once, against real Azurite and smtp4dev, on a report with no workflow of its own.
/// </summary>
[Collection(ActivityTests.Name)]
public sealed class ConcurrencyGuaranteesTests(ActivityTests.Host host)
{
    [Fact]
    public async Task Every_activity_run_twice_at_once_sends_one_mail_per_recipient_and_writes_one_timeline_entry()
    {
        var reporter = Submissions.NewReporter();
        var report = await StoredReports.StoreWithoutWorkflowAsync(host.Services, Submissions.Fields(reporter), withEvidence: true);
        var at = DateTimeOffset.UtcNow;

        await TwiceAtOnce(() => Activity<Announce>().RunAsync(new Announcement(
            report.Reference,
            new TimelineEntry(report.ReceivedAt, CaseStep.Received),
            CommitteeNoticeKind.NewReport,
            "new",
            ToReporter: new ReporterNotice(report.Reference, ReporterNoticeKind.Receipt))));
        await TwiceAtOnce(() => Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "alex", CommitteeNoticeKind.AcknowledgeReminder, "due-1")));
        await TwiceAtOnce(() => Activity<NotifyEscalationContact>().RunAsync(new EscalationNotice(report.Reference, 0, CommitteeNoticeKind.AcknowledgeOverdue, "due-1")));
        await TwiceAtOnce(() => Activity<NotifyReporter>().RunAsync(new ReporterNotice(report.Reference, ReporterNoticeKind.Acknowledged)));
        await TwiceAtOnce(() => Activity<RecordStep>().RunAsync(new StepRecord(report.Reference, new TimelineEntry(at, CaseStep.AcknowledgeOverdue))));
        await TwiceAtOnce(() => Activity<PurgeEvidence>().RunAsync(report.Reference));

        // A later mail, sent after every run and retry, has arrived: anything they sent has arrived too.
        await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "kim", CommitteeNoticeKind.FollowUpReminder, "after"));
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && m.Subject.Contains(report.Reference, StringComparison.Ordinal));

        var about = await host.Inbox.AboutAsync(report.Reference);
        Assert.All(LocalHostFixture.Members, member => Assert.Single(about, m => m.IsTo(member.Email) && m.Subject.StartsWith("New", StringComparison.Ordinal)));
        Assert.Single(about, m => m.IsTo("alex@committee.test") && m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
        Assert.Single(about, m => m.IsTo(LocalHostFixture.EscalationAddress));
        Assert.Single(about, m => m.IsTo(reporter) && !m.Subject.Contains("acknowledged", StringComparison.Ordinal));
        Assert.Single(about, m => m.IsTo(reporter) && m.Subject.Contains("acknowledged", StringComparison.Ordinal));
        var steps = await StepsAsync(report.Reference);
        Assert.Single(steps, CaseStep.Received.Name);
        Assert.Single(steps, CaseStep.AcknowledgeOverdue.Name);
        Assert.Empty(await host.EvidenceBlobsAsync(report.Reference));
    }

    [Theory]
    [InlineData("acknowledge")]
    [InlineData("follow-up")]
    public async Task A_link_posted_eight_times_at_once_acts_once_with_one_step_one_event_and_one_mail_to_the_reporter(string action)
    {
        const int Posts = 8;
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        var link = host.Links().Create(receipt.Reference, "alex", action == "acknowledge" ? CaseAction.Acknowledge : CaseAction.FollowUp);
        var form = new Dictionary<string, string> { ["token"] = MailLinks.Token(link) };
        if (action == "follow-up")
        {
            form["discussed"] = "yes";
            form["violation"] = "undecided";
            form["message"] = "We met on Tuesday about this.";
            form["nextUpdateBy"] = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, Posts).Select(async _ =>
        {
            await start.WaitAsync();
            using var content = new FormUrlEncodedContent(form);
            using var response = await host.Http.PostAsync(link.AbsolutePath, content);
            return response.StatusCode;
        }).ToList();
        start.Release(Posts);
        var answers = await Task.WhenAll(posts);

        Assert.Single(answers, HttpStatusCode.OK);
        Assert.All(answers.Where(a => a != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a));
        var subject = action == "acknowledge" ? "was acknowledged" : "Follow-up on your report";
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains(subject, StringComparison.Ordinal));

        // A later event reaches the reporter: a second mail of the action would have come before it.
        var ask = host.Links().Create(receipt.Reference, "sam", CaseAction.Ask);
        using var asked = await host.Http.PostAsync(ask.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(ask), ["question"] = "Can you tell us more?" }));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("A question", StringComparison.Ordinal));

        Assert.Single(await host.Inbox.AllAsync(), m => m.IsTo(reporter) && m.Subject.Contains(subject, StringComparison.Ordinal));
        // The step is written where the event is told to the workflow (CaseDesk.RecordAsync): one step, one event.
        var step = action == "acknowledge" ? CaseStep.Acknowledged : CaseStep.FollowedUp;
        Assert.Single(await StepsAsync(receipt.Reference), step.Name);
        Assert.Equal(action == "acknowledge" ? 0 : 1, (await MessagesAsync(receipt.Reference)).Count(m => m.Kind == CaseMessageKind.FollowUp));
        Assert.Single(await AuditedAsync(receipt.Reference), "action:" + action);
    }

    [Fact]
    public async Task Two_members_who_recuse_at_the_same_moment_are_both_recused_and_neither_is_mailed_again()
    {
        var report = await StoredReports.StoreWithoutWorkflowAsync(host.Services, Submissions.Fields(Submissions.NewReporter()));
        var store = host.Services.GetRequiredService<ICaseStates>();
        var openCases = host.Services.GetRequiredService<IOpenCasesProjection>();
        await openCases.ListOpenCaseAsync(report, ["alex", "sam", "kim"], CancellationToken.None); // as its announcement does

        // Kim recused earlier, so the case row exists and both recusals below replace it: the write that must not
        // overwrite the other (a first write of the row is an insert, which a second can't repeat anyway).
        await store.TryChangeCaseAsync(report.Reference, state => state.Recuse("kim"), CancellationToken.None);

        // Each recusal reads the case before either writes it: the moment two clicks land together.
        using var bothRead = new Barrier(2);
        Func<CaseState, CaseState?> RecuseAfterBothRead(string member)
        {
            var first = true;
            return state =>
            {
                if (first)
                {
                    first = false;
                    bothRead.SignalAndWait(TimeSpan.FromSeconds(30));
                }

                return state.Recuse(member);
            };
        }

        await Task.WhenAll(
            Task.Run(() => store.TryChangeCaseAsync(report.Reference, RecuseAfterBothRead("alex"), CancellationToken.None)),
            Task.Run(() => store.TryChangeCaseAsync(report.Reference, RecuseAfterBothRead("sam"), CancellationToken.None)));

        Assert.Equal(["alex", "kim", "sam"], (await store.GetCaseStateAsync(report.Reference, CancellationToken.None)).RecusedMembers.Order(StringComparer.Ordinal));
        Assert.Equal(["alex", "kim", "sam"], (await openCases.OpenCasesAsync(CancellationToken.None)).Single(c => c.Reference == report.Reference).RecusedMembers.Order(StringComparer.Ordinal));
        Assert.False(await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "alex", CommitteeNoticeKind.NewReport, "new")));
        Assert.False(await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "sam", CommitteeNoticeKind.NewReport, "new")));
    }

    T Activity<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>
    /// Two runs of one activity side by side, as a redelivery while the first run still goes. A run that fails is run
    /// again once both ended, as the workflow's retry policy would.
    /// </summary>
    static async Task TwiceAtOnce<T>(Func<Task<T>> activity)
    {
        var runs = new[] { Task.Run(activity), Task.Run(activity) };
        try
        {
            await Task.WhenAll(runs);
        }
        catch (Exception)
        {
            // The retry below is the engine's answer to it.
        }

        foreach (var failed in runs.Where(r => r.IsFaulted))
        {
            await activity();
        }
    }

    async Task<List<string>> StepsAsync(string reference)
    {
        var steps = new List<string>();
        await foreach (var row in host.Timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            steps.Add(row.GetString("Step"));
        }

        return steps;
    }

    Task<IReadOnlyList<CaseMessage>> MessagesAsync(string reference) =>
        host.Services.GetRequiredService<ICaseMessages>().GetMessagesAsync(reference, CancellationToken.None);

    /// <summary>The actions the audit trail records as done.</summary>
    async Task<List<string>> AuditedAsync(string reference)
    {
        var actions = new List<string>();
        await foreach (var row in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            if (row.GetBoolean("Allowed") == true)
            {
                actions.Add(row.GetString("What"));
            }
        }

        return actions;
    }
}
