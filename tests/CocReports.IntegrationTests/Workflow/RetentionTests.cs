using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using CocReports.Procedure.Timeline;

namespace CocReports.IntegrationTests;

/// <summary>
/// The retention purge, by each door a report comes through: afterwards nothing the reporter typed or sent (a marker
/// written into every field, file name and address) is in any table row or blob of the host's storage, the task hub's
/// included. A reply that comes after the purge is told the case is closed and leaves only its arrival on the timeline.
/// </summary>
[Collection(Name)]
public sealed partial class RetentionTests(RetentionTests.Host host)
{
    public const string Name = "retention";

    static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_the_purge_nothing_a_form_reporter_typed_or_sent_is_left_in_storage()
    {
        var marker = Marker();
        var reporter = $"{marker}@reporters.test";
        var fields = new Dictionary<string, string>
        {
            ["description"] = $"{marker} kept interrupting me.",
            ["contactChoice"] = "contact",
            ["contactName"] = $"Rita {marker}",
            ["contactEmail"] = reporter,
            ["occurredAt"] = $"Tuesday {marker}",
            ["location"] = $"Room {marker}",
            ["isOngoing"] = "yes",
            ["circumstances"] = $"Circumstances {marker}",
            ["othersInvolved"] = $"Witness {marker}",
            ["reportedPerson"] = $"@{marker}",
            ["setting"] = "online",
            ["eventName"] = $"Event {marker}",
            ["onlineSpace"] = $"Space {marker}",
            ["conversationLink"] = $"https://chat.example.org/{marker}",
            ["safetyConcerns"] = $"Worried {marker}",
            ["feelsUnsafe"] = "true",
        };
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields, ($"{marker}.txt", "text/plain", Encoding.UTF8.GetBytes($"Chat log {marker}"))));

        await ResolveAndPurgeAsync(receipt.Reference);

        await AssertNowhereAsync(marker);
        var kept = (await Store.FindAsync(receipt.Reference, default))!;
        Assert.Equal((Door.Form, IncidentSetting.Online), (kept.Door, kept.Details.Setting));
        Assert.DoesNotContain(marker, await CasePageAsync(receipt.Reference), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_the_purge_nothing_an_email_reporter_sent_is_left_in_storage()
    {
        var marker = Marker();
        await ConductMailbox.SendAsync(EmailReport(marker, out var subject));

        var report = await ReportWithSubjectAsync(subject);
        Assert.NotEmpty(report.RefusedEvidence);
        await ResolveAndPurgeAsync(report.Reference);

        await AssertNowhereAsync(marker);
        var kept = (await Store.FindAsync(report.Reference, default))!;
        Assert.Equal(Door.Email, kept.Door);
        Assert.Null(kept.Subject);
        Assert.Null(kept.InboundMessageId);
        Assert.Empty(kept.RefusedEvidence);
        Assert.DoesNotContain(marker, await CasePageAsync(report.Reference), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_the_purge_nothing_a_mail_provider_forwarded_is_left_in_storage()
    {
        var marker = Marker();
        var raw = Raw(EmailReport(marker, out var subject));
        using var request = ConductMailbox.WebhookPost(raw, Host.WebhookSecret, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.SendAsync(request)).StatusCode);

        var report = await ReportWithSubjectAsync(subject);
        await ResolveAndPurgeAsync(report.Reference);

        await AssertNowhereAsync(marker);
        Assert.Equal(Door.Webhook, (await Store.FindAsync(report.Reference, default))!.Door);
    }

    [Fact]
    public async Task After_the_purge_nothing_an_organizer_took_down_is_left_in_storage()
    {
        var marker = Marker();
        var link = new OrganizerLinks(new LinkOptions { SigningKey = host.SigningKey, PublicBaseUrl = host.BaseUrl }, TimeProvider.System).Create("ada");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = link.Query["?token=".Length..],
            ["description"] = $"{marker} made comments at the booth.",
            ["occurredAt"] = $"Friday {marker}",
            ["location"] = $"Hall {marker}",
            ["ongoing"] = "no",
            ["involved"] = $"Lanyard {marker}",
            ["witnesses"] = $"Witness {marker}",
            ["helpOffered"] = $"Escort {marker}",
            ["safetyConcern"] = "true",
            ["identity"] = "share",
            ["contactName"] = $"Robin {marker}",
            ["contactEmail"] = $"{marker}@reporters.test",
            ["contactPreference"] = $"Evenings {marker}",
        });
        var response = await host.Http.PostAsync("/api/organizer/intake", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reference = ReferencePattern().Match(await response.Content.ReadAsStringAsync()).Value;

        await ResolveAndPurgeAsync(reference);

        await AssertNowhereAsync(marker);
        var kept = (await Store.FindAsync(reference, default))!;
        Assert.Equal(Door.Organizer, kept.Door);
        Assert.Null(kept.TakenBy);
        Assert.Null(kept.Details.EventName);
    }

    [Fact]
    public async Task An_emailed_reply_is_kept_until_the_purge_and_one_after_it_is_told_the_case_is_closed_and_stores_no_text()
    {
        var marker = Marker();
        var reporter = $"{marker}@reporters.test";
        var subject = $"Report {Guid.NewGuid():N}";
        await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, host.Conduct, subject, "Someone shouted at me."));
        var report = await ReportWithSubjectAsync(subject);
        var receipt = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter)));
        var replyTo = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(await host.Inbox.RawAsync(receipt)))).ReplyTo.Mailboxes.Single().Address;

        // Resolved, not yet purged: the committee may still read a reply, so it is kept (until the purge removes it).
        await ResolveAsync(report.Reference);
        var beforePurge = $"Before the purge {Guid.NewGuid():N}";
        await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, replyTo, "Re: " + beforePurge, $"One more thing: {marker} was there too."));
        await WaitUntilAsync(async () => (await Messages.GetMessagesAsync(report.Reference, default)).Any(m => m.Kind == CaseMessageKind.Answer && m.Text.Contains(marker, StringComparison.Ordinal)));
        await WaitForPurgeAsync(report.Reference);

        var afterPurge = $"After the purge {Guid.NewGuid():N}";
        await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, replyTo, $"Re: {afterPurge} {marker}", $"And another thing about {marker}."));
        await ConductMailbox.WaitUntilImportedAsync(afterPurge);

        var closed = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject == $"Your report {report.Reference} is closed"));
        Assert.Contains("was not kept", await host.Inbox.TextAsync(closed), StringComparison.Ordinal);
        Assert.Contains(CaseStep.ReplyAfterClosing.Name, await StepsAsync(report.Reference));
        Assert.DoesNotContain(await Messages.GetMessagesAsync(report.Reference, default), m => m.Kind == CaseMessageKind.Answer);
        await AssertNowhereAsync(marker);
    }

    [Fact]
    public async Task An_answer_from_the_link_or_the_status_page_after_the_purge_is_told_the_case_is_closed_and_stores_no_text()
    {
        var marker = Marker();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(new Dictionary<string, string>
        {
            ["description"] = "Someone posted my address in the forum.",
            ["contactChoice"] = "anonymous",
            ["lang"] = "de",
        }));
        var answerLink = host.Links().Create(receipt.Reference, ActionLinks.Reporter, CaseAction.Answer);
        await ResolveAndPurgeAsync(receipt.Reference);

        var form = await host.Http.GetStringAsync(answerLink);
        Assert.Contains("ist abgeschlossen", form, StringComparison.Ordinal); // in the language the reporter used, kept through retention
        var byLink = await PostAsync(answerLink, new() { ["questionId"] = "q", ["answer"] = $"By the link: {marker}" });
        Assert.Equal(HttpStatusCode.OK, byLink.StatusCode);
        Assert.Contains("nicht gespeichert", await byLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var byStatusPage = await host.Http.PostAsync("/api/status/answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reference"] = receipt.Reference,
            ["receiptCode"] = receipt.ReceiptCode,
            ["questionId"] = "q",
            ["answer"] = $"On the status page: {marker}",
        }));
        Assert.Contains("nicht gespeichert", await byStatusPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(2, (await StepsAsync(receipt.Reference)).Count(s => s == CaseStep.ReplyAfterClosing.Name));
        Assert.DoesNotContain(await Messages.GetMessagesAsync(receipt.Reference, default), m => m.Kind == CaseMessageKind.Answer);
        await AssertNowhereAsync(marker);
    }

    IReportStore Store => host.Services.GetRequiredService<IReportStore>();

    ICaseMessages Messages => host.Services.GetRequiredService<ICaseMessages>();

    /// <summary>Unique to one test, and found in any casing: no other test's data can contain it.</summary>
    [Fact]
    public async Task A_case_is_kept_a_period_again_while_a_later_report_that_may_name_the_same_person_is_kept()
    {
        var person = $"Pat <pat-{Marker()}@example.org>";
        var earlier = await SubmitNamingAsync(person);
        var later = await SubmitNamingAsync(person);
        await ResolveAsync(earlier);

        // Its purge came due while the later report (still open) is kept: the members are warned of a second period.
        bool Warning(Mail m) => m.IsTo("alex@committee.test") && m.Subject.StartsWith($"Evidence of report {earlier} will be deleted", StringComparison.Ordinal);
        await host.Inbox.WaitForAsync(Warning, 2, Long);
        Assert.Null((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(earlier, default)).EvidencePurgedAt);
        Assert.Contains(await host.Services.GetRequiredService<ITimeline>().ReadAsync(earlier, default), e => e.Step == CaseStep.KeptForLaterReport);
        Assert.Null((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(later, default)).EvidencePurgedAt);
    }

    [Fact]
    public async Task A_later_report_kept_from_a_member_of_the_case_does_not_keep_it_past_its_date()
    {
        // Kim reads the earlier case but is kept from the later one: keeping the earlier case would tell her of it.
        var person = $"Pat <pat-{Marker()}@example.org>";
        var earlier = await SubmitNamingAsync(person);
        await SubmitNamingAsync(person, keepOut: "kim");
        await ResolveAndPurgeAsync(earlier);

        Assert.DoesNotContain(await host.Services.GetRequiredService<ITimeline>().ReadAsync(earlier, default), e => e.Step == CaseStep.KeptForLaterReport);
    }

    async Task<string> SubmitNamingAsync(string person, string? keepOut = null)
    {
        var fields = Submissions.Fields(Submissions.NewReporter());
        fields["reportedPerson"] = person;
        if (keepOut is not null)
        {
            fields["excludedMembers"] = keepOut;
        }

        return (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields))).Reference;
    }

    static string Marker() => "mk" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>An emailed report carrying the marker in every part a sender chooses: address, name, Message-ID, subject, text, file names.</summary>
    MimeMessage EmailReport(string marker, out string subject)
    {
        subject = $"Harassment by {marker} at FooConf";
        var builder = new BodyBuilder { TextBody = $"{marker} followed me around the venue." };
        builder.Attachments.Add($"{marker}-log.txt", Encoding.UTF8.GetBytes($"Chat log {marker}"), ContentType.Parse("text/plain"));
        builder.Attachments.Add($"{marker}-photo.jpg", [(byte)'M', (byte)'Z', 0, 0, 0x90, 0], ContentType.Parse("image/jpeg")); // a program: refused, its name recorded
        var message = ConductMailbox.Message($"{marker}@reporters.test", host.Conduct, subject, "");
        message.From.Clear();
        message.From.Add(new MailboxAddress($"Sam {marker}", $"{marker}@reporters.test"));
        message.MessageId = $"{marker}@reporters.test";
        message.Body = builder.ToMessageBody();
        return message;
    }

    async Task ResolveAndPurgeAsync(string reference)
    {
        await ResolveAsync(reference);
        await WaitForPurgeAsync(reference);
    }

    async Task ResolveAsync(string reference)
    {
        // The workflow must be running to time the purge: an emailed report's starts as it is imported.
        await WaitUntilAsync(async () => await host.Workflows.GetInstanceAsync(WorkflowInstance.For(reference)) is not null);
        await Declarations.NoneAsync(host.Http, host.Links(), reference, "alex");
        var resolved = await PostAsync(host.Links().Create(reference, "alex", CaseAction.Resolve), new()
        {
            ["violation"] = "yes",
            ["incidentType"] = "Disrupting discussions or events",
            ["actions"] = "A warning was given.",
            ["publicSummary"] = "A participant was warned.",
        });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
    }

    async Task WaitForPurgeAsync(string reference)
    {
        await WaitUntilAsync(async () => (await host.Workflows.GetInstanceAsync(WorkflowInstance.For(reference)))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        Assert.NotNull((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(reference, default)).EvidencePurgedAt);
    }

    /// <summary>Every table whose name starts with the host's prefix (the task hub's too) and every blob of its containers.</summary>
    async Task AssertNowhereAsync(string marker)
    {
        foreach (var (where, text) in await StoredText.ReadAsync(host))
        {
            Assert.False(text.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{where}: {text}");
        }
    }

    /// <summary>The case page a member sees after the purge.</summary>
    async Task<string> CasePageAsync(string reference)
    {
        using var response = await MemberBrowser.OpenAsync(host.Http, host.Links().Create(reference, "alex", CaseAction.View));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    async Task<List<string>> StepsAsync(string reference)
    {
        var steps = new List<string>();
        await foreach (var row in host.Timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            steps.Add(row.GetString("Step") ?? "");
        }

        return steps;
    }

    Task<HttpResponseMessage> PostAsync(Uri link, Dictionary<string, string> fields)
    {
        fields["token"] = MailLinks.Token(link);
        return host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
    }

    async Task<Report> ReportWithSubjectAsync(string subject)
    {
        Report? found = null;
        await WaitUntilAsync(async () =>
        {
            await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
            {
                if (row.GetString("Subject") == subject)
                {
                    found = await Store.FindAsync(row.PartitionKey, default);
                }
            }

            return found is not null;
        });
        return found!;
    }

    static byte[] Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Long;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(500);
        }
    }

    [GeneratedRegex("COC-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();

    /// <summary>One host with every door open: the form, the conduct mailbox, the provider's webhook and an organizer.</summary>
    public sealed class Host : LocalHostFixture
    {
        public const string WebhookSecret = "a shared secret for the retention tests";

        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            ConductMailbox.Configure(settings, Conduct, WebhookSecret);
            settings["Organizers:People:0:Id"] = "ada";
            settings["Organizers:People:0:Name"] = "Ada Lovelace";
            settings["Organizers:People:0:Email"] = "ada@organizers.test";
            settings["Organizers:People:0:Event"] = "TestConf";
            settings["Organizers:People:0:EventDates"] = "12-14 June";
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
