using System.Globalization;
using Azure.Data.Tables;
using CocReports.Api.Intake.Mail;
using CocReports.Api.OpenCases;
using CocReports.Procedure.Activities;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// The workflow's activities run directly against real Azurite and smtp4dev, on reports stored as intake stores them
/// but without a workflow, so nothing else writes to them. The durable engine runs activities at least once: each is
/// run twice here. And each check an activity makes at the moment it runs is tried where skipping it would show.
/// </summary>
[Collection(Name)]
public sealed class ActivityTests(ActivityTests.Host host)
{
    public const string Name = "activities";

    [Fact]
    public async Task Every_activity_run_twice_sends_one_mail_and_writes_one_timeline_entry()
    {
        var reporter = Submissions.NewReporter();
        var report = await StoreAsync(reporter);
        var at = DateTimeOffset.UtcNow;

        for (var run = 0; run < 2; run++)
        {
            await Activity<FindAudience>().RunAsync(report.Reference);
            await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "alex", CommitteeNoticeKind.NewReport, "new"));
            await Activity<NotifyEscalationContact>().RunAsync(new EscalationNotice(report.Reference, 0, CommitteeNoticeKind.AcknowledgeOverdue, "due-1"));
            await Activity<NotifyReporter>().RunAsync(new ReporterNotice(report.Reference, ReporterNoticeKind.Acknowledged));
            await Activity<RecordStep>().RunAsync(new StepRecord(report.Reference, new TimelineEntry(at, CaseStep.AcknowledgeOverdue)));
            await Activity<PurgeEvidence>().RunAsync(report.Reference);
        }

        // A later mail, sent after both runs, has arrived: anything the second run sent has arrived too.
        await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "kim", CommitteeNoticeKind.NewReport, "new"));
        var mail = await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.Contains(report.Reference, StringComparison.Ordinal));

        var about = await host.Inbox.AboutAsync(report.Reference);
        Assert.Single(about, m => m.IsTo("alex@committee.test"));
        Assert.Single(about, m => m.IsTo(LocalHostFixture.EscalationAddress));
        Assert.Single(about, m => m.IsTo(reporter));
        Assert.Single(await TimelineAsync(report.Reference), e => e.GetString("Step") == CaseStep.AcknowledgeOverdue.Name);
        Assert.Empty(await host.EvidenceBlobsAsync(report.Reference));
    }

    [Fact]
    public async Task A_mail_quotes_the_promise_of_the_cases_own_schedule_not_the_options_of_the_day()
    {
        var reporter = Submissions.NewReporter();
        var report = await StoreAsync(reporter);

        // The report arrived while the committee promised 72 hours; the host's options say 8 seconds today.
        var arrivedUnder = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72) };
        await Activity<NotifyReporter>().RunAsync(new ReporterNotice(report.Reference, ReporterNoticeKind.Receipt, Promises: arrivedUnder));

        var text = await host.Inbox.TextAsync(Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter))));
        Assert.Contains("within 72 hours", text, StringComparison.Ordinal);
        Assert.DoesNotContain("within 8 seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_names_each_cases_due_date_by_the_schedule_it_arrived_under_not_the_options_of_the_day()
    {
        // The report arrived while the committee promised 72 hours; the host's options say 8 seconds today.
        var receivedAt = DateTimeOffset.UtcNow;
        var arrivedUnder = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72) };
        var report = await StoredReports.StoreWithoutWorkflowAsync(host.Services, Submissions.Fields(Submissions.NewReporter()), receivedAt: receivedAt, schedule: arrivedUnder);
        await Activity<Announce>().RunAsync(new Announcement(report.Reference, ToCommittee: CommitteeNoticeKind.NewReport, Occasion: "new"));

        // A week of its own, so no other test's digest took it in the sent-mail ledger.
        var schedule = host.Services.GetRequiredService<IOptions<OpenCasesOptions>>().Value;
        var digestDue = new DateTimeOffset(new DateTime(2031, 1, 5 + (int)schedule.DigestDay, 0, 0, 0, DateTimeKind.Utc).Add(schedule.DigestAt.ToTimeSpan()).AddMinutes(1), TimeSpan.Zero);
        bool IsAlexsDigest(Mail m) => m.IsTo("alex@committee.test") && m.Subject.Contains($"Your open cases, week of {digestDue:yyyy-MM-dd}", StringComparison.Ordinal);
        var before = (await host.Inbox.AllAsync()).Count(IsAlexsDigest); // an earlier run's, against the same smtp4dev
        await ActivatorUtilities.CreateInstance<OpenCasesDigest>(host.Services, (TimeProvider)new FakeTimeProvider(digestDue)).RunAsync(CancellationToken.None);
        await host.Inbox.WaitForAsync(IsAlexsDigest, before + 1);

        var digest = Assert.Single(await host.Inbox.AboutAsync(report.Reference), IsAlexsDigest);
        var line = (await host.Inbox.TextAsync(digest)).Split('\n').First(l => l.Contains(report.Reference, StringComparison.Ordinal));
        Assert.Contains($"Acknowledge by {Texts.Time(receivedAt + TimeSpan.FromHours(72))}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_sent_once_the_sender_confirmed_quotes_the_schedule_the_report_arrived_under()
    {
        var reporter = Submissions.NewReporter();
        var arrivedUnder = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72) };
        var report = await StoredReports.StoreWithoutWorkflowAsync(host.Services, Submissions.Fields(reporter), schedule: arrivedUnder);

        // An emailed report whose From no server vouched for: its receipt waits for the sender, who confirms days later.
        var pending = report with { Door = Door.Email, Details = report.Details with { ContactEmail = null }, UnconfirmedSender = reporter };
        await host.Services.GetRequiredService<SenderConfirmation>().SendReceiptAsync(pending, pending.WithSenderConfirmed()!);

        var text = await host.Inbox.TextAsync(Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter))));
        Assert.Contains("within 72 hours", text, StringComparison.Ordinal);
        Assert.DoesNotContain("within 8 seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announcing_a_report_twice_mails_every_member_and_the_reporter_once_and_records_it_once()
    {
        var reporter = Submissions.NewReporter();
        var report = await StoreAsync(reporter);
        var announcement = new Announcement(
            report.Reference,
            new TimelineEntry(report.ReceivedAt, CaseStep.Received),
            CommitteeNoticeKind.NewReport,
            "new",
            ToReporter: new ReporterNotice(report.Reference, ReporterNoticeKind.Receipt));

        for (var run = 0; run < 2; run++)
        {
            var unsent = await Activity<Announce>().RunAsync(announcement);
            Assert.Empty(unsent.Members);
            Assert.Empty(unsent.Contacts);
            Assert.Null(unsent.Reporter);
        }

        // A later mail, sent after both runs, has arrived: anything the second run sent has arrived too.
        await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "kim", CommitteeNoticeKind.AcknowledgeReminder, "later"));
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && m.Subject.Contains(report.Reference, StringComparison.Ordinal));

        var about = await host.Inbox.AboutAsync(report.Reference);
        Assert.All(LocalHostFixture.Members, member => Assert.Single(about, m => m.IsTo(member.Email) && !m.Subject.StartsWith("Reminder", StringComparison.Ordinal)));
        Assert.Single(about, m => m.IsTo(reporter));
        Assert.Single(await TimelineAsync(report.Reference), e => e.GetString("Step") == CaseStep.Received.Name);
    }

    [Fact]
    public async Task An_announcement_hands_back_only_the_recipient_whose_mail_the_server_refused()
    {
        var reporter = $"reporter-{Guid.NewGuid():N}@refused.test";
        var report = await StoreAsync(reporter, excluded: "sam");

        var unsent = await Activity<Announce>().RunAsync(new Announcement(
            report.Reference,
            ToCommittee: CommitteeNoticeKind.NewReport,
            Occasion: "new",
            ToReporter: new ReporterNotice(report.Reference, ReporterNoticeKind.Receipt)));

        Assert.Equal(ReporterNoticeKind.Receipt, unsent.Reporter?.Kind);
        Assert.Empty(unsent.Members);
        Assert.Empty(unsent.Contacts);
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(report.Reference, StringComparison.Ordinal));
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.Contains(report.Reference, StringComparison.Ordinal));
        Assert.DoesNotContain(await host.Inbox.AboutAsync(report.Reference), m => m.IsTo("sam@committee.test"));
    }

    [Fact]
    public async Task A_member_who_recused_or_was_excluded_receives_nothing_even_when_the_workflow_decided_to_write_to_them()
    {
        // An earlier report by the same reporter names the same person: the announcement tells the committee of the match.
        var reporter = Submissions.NewReporter();
        var earlier = await StoreAsync(reporter);
        await host.Services.GetRequiredService<ReportPatterns>().IndexAsync(earlier, CancellationToken.None);
        var report = await StoreAsync(reporter, excluded: "kim");
        await Activity<Announce>().RunAsync(new Announcement(report.Reference, ToCommittee: CommitteeNoticeKind.NewReport, Occasion: "new"));

        // Sam recuses; what he had by then is all he gets. What was sent to him before is waited for: smtp4dev may show
        // a message a moment after the sender handed it over, and one shown late must not count as sent after.
        await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal));
        await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject == $"Report {earlier.Reference} may name the same person as another report");
        await host.Services.GetRequiredService<ICaseStates>().TryChangeCaseAsync(report.Reference, state => state.Recuse("sam"), CancellationToken.None);
        var samHad = (await host.Inbox.AboutAsync(report.Reference)).Where(m => m.IsTo("sam@committee.test")).Select(m => m.Id).ToHashSet();

        Assert.False(await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "kim", CommitteeNoticeKind.AcknowledgeReminder, "r1")));
        Assert.False(await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "sam", CommitteeNoticeKind.AcknowledgeReminder, "r1")));
        Assert.True(await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "alex", CommitteeNoticeKind.AcknowledgeReminder, "r1")));

        // Mail that names the report only in a header or in its text: a later report that matches it (its own notice,
        // and the match told on this one), and a weekly digest (on a week of its own, as its timer would send it then).
        var later = await StoreAsync(reporter);
        await Activity<Announce>().RunAsync(new Announcement(later.Reference, ToCommittee: CommitteeNoticeKind.NewReport, Occasion: "new"));
        var schedule = host.Services.GetRequiredService<IOptions<OpenCasesOptions>>().Value;
        var digestDue = new DateTimeOffset(new DateTime(2030, 1, 6 + (int)schedule.DigestDay, 0, 0, 0, DateTimeKind.Utc).Add(schedule.DigestAt.ToTimeSpan()).AddMinutes(1), TimeSpan.Zero);
        await ActivatorUtilities.CreateInstance<OpenCasesDigest>(host.Services, (TimeProvider)new FakeTimeProvider(digestDue)).RunAsync(CancellationToken.None);

        // A later mail, sent after all of them, has arrived: anything they sent has arrived too.
        await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "alex", CommitteeNoticeKind.AcknowledgeReminder, "after"));
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && m.Subject.Contains(report.Reference, StringComparison.Ordinal), 2);

        var about = await host.Inbox.AboutAsync(report.Reference);
        var alexs = about.Where(m => m.IsTo("alex@committee.test")).Select(m => m.Subject).ToList();
        Assert.Contains($"Report {earlier.Reference} may name the same person as another report", alexs);
        Assert.Contains(alexs, s => s.StartsWith("New Code of Conduct report " + later.Reference, StringComparison.Ordinal));
        Assert.Contains(alexs, s => s.Contains($"Your open cases, week of {digestDue:yyyy-MM-dd}", StringComparison.Ordinal));
        Assert.DoesNotContain(about, m => m.IsTo("kim@committee.test"));
        Assert.DoesNotContain(about, m => m.IsTo("sam@committee.test") && !samHad.Contains(m.Id));
    }

    [Fact]
    public async Task An_anonymous_reporter_is_never_mailed_nor_their_typed_address_stored_whatever_the_notice()
    {
        // Anonymous, though the form still carried the address typed before choosing so, and the text names another.
        var typed = Submissions.NewReporter();
        var written = Submissions.NewReporter();
        var fields = Submissions.Fields(typed, $"He wrote to me again; {written} is where his messages came to.");
        fields[ReportFields.ContactChoice] = "anonymous";
        var report = await StoredReports.StoreWithoutWorkflowAsync(host.Services, fields);
        await host.Services.GetRequiredService<ICaseMessages>().AddMessageAsync(report.Reference, new CaseMessage { Id = "q1", Kind = CaseMessageKind.Question, At = DateTimeOffset.UtcNow, From = "alex", Text = "Was anyone else there?" }, CancellationToken.None);

        foreach (var kind in Enum.GetValues<ReporterNoticeKind>())
        {
            Assert.False(await Activity<NotifyReporter>().RunAsync(new ReporterNotice(report.Reference, kind, MessageId: "q1")));
        }

        // A later mail, sent after every notice, has arrived: anything they sent has arrived too.
        await Activity<NotifyMember>().RunAsync(new MemberNotice(report.Reference, "kim", CommitteeNoticeKind.NewReport, "new"));
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.Contains(report.Reference, StringComparison.Ordinal));
        Assert.DoesNotContain(await host.Inbox.AllAsync(), m => m.IsTo(typed) || m.IsTo(written));

        // Read as storage holds it: the typed address is nowhere in the case's rows.
        Assert.Null((await Store.FindAsync(report.Reference, CancellationToken.None))!.Details.ContactEmail);
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.PartitionKey == report.Reference))
        {
            Assert.DoesNotContain(row, p => (Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "").Contains(typed, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task At_the_end_of_retention_only_the_outcome_and_the_public_summary_are_kept()
    {
        var reporter = Submissions.NewReporter();
        var report = await StoreAsync(reporter);
        var now = DateTimeOffset.UtcNow;
        foreach (var message in new[]
        {
            new CaseMessage { Id = "f1", Kind = CaseMessageKind.FollowUp, At = now, From = "alex", Text = "We spoke with @loud about the call.", Actions = "Warned @loud" },
            new CaseMessage { Id = "q1", Kind = CaseMessageKind.Question, At = now.AddSeconds(1), From = "alex", Text = "Was anyone else on the call?" },
            new CaseMessage { Id = "a1", Kind = CaseMessageKind.Answer, At = now.AddSeconds(2), From = "reporter", Text = "Yes, Dana was there.", InReplyTo = "q1" },
            new CaseMessage { Id = "n1", Kind = CaseMessageKind.Note, At = now.AddSeconds(2), From = "sam", Text = "Dana may confirm what @loud said." },
            new CaseMessage { Id = "r1", Kind = CaseMessageKind.Resolution, At = now.AddSeconds(3), From = "alex", Text = "We banned @loud for a month.", Violation = Finding.Yes, Actions = "Temporary ban of @loud", PublicSummary = "A member was temporarily banned for repeated interruptions." },
        })
        {
            await Messages.AddMessageAsync(report.Reference, message, CancellationToken.None);
        }

        await Activity<PurgeEvidence>().RunAsync(report.Reference);

        Assert.Empty(await host.EvidenceBlobsAsync(report.Reference));
        var kept = await Store.FindAsync(report.Reference, CancellationToken.None);
        Assert.Equal(Retention.Removed, kept!.Details.Description);
        Assert.Null(kept.Details.ContactEmail);
        Assert.Empty(kept.Evidence);
        var resolution = Assert.Single(await Messages.GetMessagesAsync(report.Reference, CancellationToken.None));
        Assert.Equal((CaseMessageKind.Resolution, Finding.Yes, "A member was temporarily banned for repeated interruptions."), (resolution.Kind, resolution.Violation, resolution.PublicSummary));

        // Read as storage holds it: no row of the case carries anything the reporter or the committee wrote.
        var stored = new List<string>();
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.PartitionKey == report.Reference))
        {
            stored.AddRange(row.Select(p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? ""));
        }

        foreach (var secret in new[] { reporter, "Rita Reporter", "@loud", "Dana", "community call", "shot.png" })
        {
            Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_match_is_told_on_the_earlier_report_once_per_member_however_often_and_whichever_report_finds_it()
    {
        // One reporter: Submissions gives both reports the same reported person.
        var reporter = Submissions.NewReporter();
        var earlier = await StoreAsync(reporter, excluded: "kim");
        var later = await StoreAsync(reporter);
        var subject = $"Report {earlier.Reference} may name the same person as another report";
        await host.Services.GetRequiredService<ReportPatterns>().IndexAsync(earlier, CancellationToken.None); // as its own announcement did

        for (var run = 0; run < 2; run++)
        {
            await Activity<Announce>().RunAsync(new Announcement(later.Reference, ToCommittee: CommitteeNoticeKind.NewReport, Occasion: "new"));
            await Activity<Announce>().RunAsync(new Announcement(earlier.Reference, TellPatterns: true));
            Assert.False(await Activity<NotifyMember>().RunAsync(new MemberNotice(later.Reference, "alex", CommitteeNoticeKind.PatternFound, earlier.Reference)));
            Assert.False(await Activity<NotifyMember>().RunAsync(new MemberNotice(earlier.Reference, "kim", CommitteeNoticeKind.PatternFound, later.Reference)));
        }

        // A later mail, sent after every run, has arrived: anything the runs sent has arrived too.
        await Activity<NotifyMember>().RunAsync(new MemberNotice(earlier.Reference, "alex", CommitteeNoticeKind.AcknowledgeReminder, "after"));
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(earlier.Reference, StringComparison.Ordinal) && m.Subject.StartsWith("Reminder", StringComparison.Ordinal));

        var all = await host.Inbox.AllAsync();
        Assert.Single(all, m => m.Subject == subject && m.IsTo("alex@committee.test"));
        Assert.Single(all, m => m.Subject == subject && m.IsTo("sam@committee.test"));
        Assert.DoesNotContain(all, m => m.Subject == subject && m.IsTo("kim@committee.test"));
        Assert.DoesNotContain(all, m => m.Subject == $"Report {later.Reference} may name the same person as another report");
    }

    [Fact]
    public async Task At_the_end_of_retention_the_report_leaves_the_match_index_with_the_identifiers_members_added_and_removed()
    {
        var report = await StoreAsync(Submissions.NewReporter());
        var patterns = host.Services.GetRequiredService<ReportPatterns>();
        var change = new IdentifierChange("alex", DateTimeOffset.UtcNow);
        await patterns.IndexAsync(report, CancellationToken.None);
        await patterns.AddAsync(report.Reference, Identifiers.From("https://github.com/someone-" + report.Reference.ToLowerInvariant()), change, CancellationToken.None);
        await patterns.RemoveAsync(report.Reference, [patterns.TakenFrom(report)[0].Hash], change, CancellationToken.None);
        Assert.Contains(await patterns.IndexedAsync(report.Reference, CancellationToken.None), i => i.Added is not null);
        Assert.Contains(await patterns.IndexedAsync(report.Reference, CancellationToken.None), i => i.Removed is not null);

        await Activity<PurgeEvidence>().RunAsync(report.Reference);

        var index = new TableServiceClient(host.StorageConnectionString).GetTableClient(host.Reports.Name[..^"Reports".Length] + "Patterns");
        await foreach (var row in index.QueryAsync<TableEntity>())
        {
            Assert.DoesNotContain(report.Reference, row.PartitionKey + "|" + row.RowKey, StringComparison.Ordinal);
        }

        // Viewing the case reads the report again, and finds nothing left to index.
        await patterns.IndexAsync((await Store.FindAsync(report.Reference, CancellationToken.None))!, CancellationToken.None);
        Assert.Empty(await patterns.IndexedAsync(report.Reference, CancellationToken.None));
    }

    IReportStore Store => host.Services.GetRequiredService<IReportStore>();

    ICaseMessages Messages => host.Services.GetRequiredService<ICaseMessages>();

    T Activity<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>A report with one evidence file, stored as intake stores it, with no workflow.</summary>
    async Task<Report> StoreAsync(string? reporter, string? excluded = null)
    {
        var fields = Submissions.Fields(reporter ?? "unused@reporters.test");
        if (reporter is null)
        {
            fields[ReportFields.ContactChoice] = "anonymous";
        }

        if (excluded is not null)
        {
            fields[ReportFields.ExcludedMembers] = excluded;
        }

        return await StoredReports.StoreWithoutWorkflowAsync(host.Services, fields, withEvidence: true);
    }

    async Task<List<TableEntity>> TimelineAsync(string reference)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The shared fixture without the intake sweep, which would start workflows for these reports.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings["Intake:SweepEvery"] = "1.00:00:00";
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
