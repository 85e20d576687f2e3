using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Testing;
using Microsoft.DurableTask.Client;

using CocReports.Procedure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// The procedure after acknowledgment, on the real durable engine with deadlines of seconds: follow-up, status
/// updates, questions, resolution and the retention purge, conflicts of interest, and single-use links.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class ProcedureTests(LocalHostFixture host)
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task An_acknowledged_report_without_a_follow_up_is_reminded_then_escalated()
    {
        var receipt = await SubmitAsync(Submissions.NewReporter());
        await ActAsync(receipt.Reference, "alex", CaseAction.Acknowledge);

        await host.Inbox.WaitForAsync(m => m.Subject.Contains("Reminder: follow up on report " + receipt.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length, Long);
        await host.Inbox.WaitForAsync(m => m.Subject.Contains("Overdue: no follow-up on report " + receipt.Reference, StringComparison.Ordinal) && m.IsTo(LocalHostFixture.EscalationAddress), 1, Long);
    }

    [Fact]
    public async Task Follow_up_and_status_updates_reach_the_reporter_and_missed_update_dates_are_reminded_and_escalated_over_several_rounds()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await SubmitAsync(reporter);
        await ActAsync(receipt.Reference, "alex", CaseAction.Acknowledge);

        var followUp = await ActAsync(receipt.Reference, "sam", CaseAction.FollowUp, new()
        {
            ["discussed"] = "yes",
            ["violation"] = "undecided",
            ["actions"] = "We spoke with the moderators of the call.",
            ["nextUpdateBy"] = In(TimeSpan.FromSeconds(6)),
        });
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var followUpMail = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("Follow-up on your report", StringComparison.Ordinal))).Single();
        var text = await host.Inbox.TextAsync(followUpMail);
        Assert.Contains("We spoke with the moderators of the call.", text, StringComparison.Ordinal);
        Assert.Contains("Not yet decided", text, StringComparison.Ordinal);

        // Round 1: the promised date passes: reminder on the date, escalation after the grace period.
        await host.Inbox.WaitForAsync(m => m.Subject.Contains("Reminder: status update due on report " + receipt.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length, Long);
        await host.Inbox.WaitForAsync(m => m.Subject.Contains("Overdue: no status update on report " + receipt.Reference, StringComparison.Ordinal) && m.IsTo(LocalHostFixture.EscalationAddress), 1, Long);

        // Rounds 2 and 3: each update names the next date and reaches the reporter; the workflow keeps up across ContinueAsNew.
        for (var round = 2; round <= 3; round++)
        {
            var update = $"Update number {round}: we are still talking to the people involved.";
            await ActAsync(receipt.Reference, "kim", CaseAction.StatusUpdate, new() { ["update"] = update, ["nextUpdateBy"] = In(TimeSpan.FromSeconds(6)) });
            var mail = await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("Status update on your report", StringComparison.Ordinal), round - 1, Long);
            Assert.Contains(mail, m => host.Inbox.TextAsync(m).GetAwaiter().GetResult().Contains(update, StringComparison.Ordinal));
            await host.Inbox.WaitForAsync(m => m.Subject.Contains("Overdue: no status update on report " + receipt.Reference, StringComparison.Ordinal) && m.IsTo(LocalHostFixture.EscalationAddress), round, Long);
        }

        var instance = await host.Workflows.GetInstanceAsync(WorkflowInstance.For(receipt.Reference));
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
    }

    [Fact]
    public async Task A_status_update_without_a_future_date_is_refused_and_changes_nothing()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await SubmitAsync(reporter);
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.StatusUpdate);

        var response = await PostAsync(link, new() { ["update"] = "Soon.", ["nextUpdateBy"] = "2001-01-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be in the future", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.Services.GetRequiredService<ICaseMessages>().GetMessagesAsync(receipt.Reference, CancellationToken.None));

        // A valid update afterwards reaches the reporter: had the refused one gone anywhere, it would have arrived first.
        await ActAsync(receipt.Reference, "alex", CaseAction.StatusUpdate, new() { ["update"] = "Later.", ["nextUpdateBy"] = In(TimeSpan.FromDays(7)) });
        var updates = await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("Status update", StringComparison.Ordinal));
        Assert.DoesNotContain("Soon.", await host.Inbox.TextAsync(Assert.Single(updates)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_reaches_a_reporter_by_email_and_the_answer_reaches_every_member_still_on_the_case()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await SubmitAsync(reporter, excluded: "kim");
        await ActAsync(receipt.Reference, "sam", CaseAction.Ask, new() { ["question"] = "Was anyone else on the call?" });

        var question = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("A question about your report", StringComparison.Ordinal))).Single();
        var text = await host.Inbox.TextAsync(question);
        Assert.Contains("Was anyone else on the call?", text, StringComparison.Ordinal);
        var answerLink = MailLinks.Find(text, "answer");
        var page = await host.Http.GetStringAsync(answerLink);
        var questionId = System.Text.RegularExpressions.Regex.Match(page, "name=\"questionId\" type=\"radio\" value=\"([0-9a-f]+)\"").Groups[1].Value;

        var answered = await PostAsync(answerLink, new() { ["questionId"] = questionId, ["answer"] = "Yes, two maintainers." });

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var answers = await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("The reporter answered on report " + receipt.Reference, StringComparison.Ordinal), 2, Long);
        Assert.Contains(answers, m => m.IsTo("alex@committee.test"));
        Assert.Contains(answers, m => m.IsTo("sam@committee.test"));
        Assert.Contains("Yes, two maintainers.", await host.Inbox.TextAsync(answers[0]), StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Inbox.AboutAsync(receipt.Reference), m => m.IsTo("kim@committee.test"));
    }

    [Fact]
    public async Task An_anonymous_reporter_sees_the_question_on_the_status_page_and_answers_there()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(new Dictionary<string, string>
        {
            ["description"] = "Someone posted my address in the forum.",
            ["contactChoice"] = "anonymous",
        }));
        await ActAsync(receipt.Reference, "alex", CaseAction.Ask, new() { ["question"] = "Which thread was it?" });

        var status = await StatusAsync(receipt);
        Assert.Contains("Which thread was it?", status, StringComparison.Ordinal);
        var questionId = System.Text.RegularExpressions.Regex.Match(status, "name=\"questionId\" type=\"radio\" value=\"([0-9a-f]+)\"").Groups[1].Value;

        var answered = await host.Http.PostAsync("/api/status/answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reference"] = receipt.Reference,
            ["receiptCode"] = receipt.ReceiptCode,
            ["questionId"] = questionId,
            ["answer"] = "The one about the meetup.",
        }));

        Assert.Contains("Your answer was sent", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mail = await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("The reporter answered on report " + receipt.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length, Long);
        Assert.Contains("The one about the meetup.", await host.Inbox.TextAsync(mail[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolution_tells_the_reporter_then_warns_the_committee_and_purges_the_evidence_keeping_the_outcome()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter), ("proof.png", "image/png", Submissions.Png(4_000))));
        var resolved = await ActAsync(receipt.Reference, "alex", CaseAction.Resolve, new()
        {
            ["violation"] = "yes",
            ["incidentType"] = "Disrupting discussions or events",
            ["actions"] = "A warning was given.",
            ["publicSummary"] = "A participant was warned for repeated interruptions in a community call.",
        });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var outcome = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was resolved", StringComparison.Ordinal))).Single();
        Assert.Contains("A warning was given.", await host.Inbox.TextAsync(outcome), StringComparison.Ordinal);
        await host.Inbox.WaitForAsync(m => m.Subject.StartsWith($"Evidence of report {receipt.Reference} will be deleted", StringComparison.Ordinal), LocalHostFixture.Members.Length, Long);
        await WaitUntilAsync(async () => (await host.Workflows.GetInstanceAsync(WorkflowInstance.For(receipt.Reference)))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.Empty(await host.EvidenceBlobsAsync(receipt.Reference));
        Assert.True((await host.Reports.GetEntityIfExistsAsync<TableEntity>(receipt.Reference, "report")).HasValue);
        var caseRow = (await host.Reports.GetEntityAsync<TableEntity>(receipt.Reference, "case")).Value;
        Assert.NotNull(caseRow.GetDateTimeOffset("ResolvedAt"));
        Assert.NotNull(caseRow.GetDateTimeOffset("EvidencePurgedAt"));
        var kept = new List<string>();
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.PartitionKey == receipt.Reference))
        {
            kept.Add(row.GetString("Message") ?? "");
        }

        Assert.Contains(kept, m => m.Contains("\"IncidentType\":\"Disrupting discussions or events\"", StringComparison.Ordinal)); // what the transparency report counts
    }

    [Fact]
    public async Task An_excluded_member_hears_nothing_about_the_report_for_its_whole_run()
    {
        var receipt = await SubmitAsync(Submissions.NewReporter(), excluded: "sam");
        await host.Inbox.WaitForAsync(m => m.Subject.Contains("Overdue: report " + receipt.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length, Long);
        await ActAsync(receipt.Reference, "alex", CaseAction.Acknowledge);
        // On a loaded machine the acknowledgment can come after the follow-up reminder's time: then the first
        // follow-up nudge is the overdue notice. Either way the members still on the case hear of it.
        await host.Inbox.WaitForAsync(m => m.Subject.Contains("follow up on report " + receipt.Reference, StringComparison.Ordinal) || m.Subject.Contains("no follow-up on report " + receipt.Reference, StringComparison.Ordinal), 2, Long);

        var about = await host.Inbox.AboutAsync(receipt.Reference);
        Assert.DoesNotContain(about, m => m.IsTo("sam@committee.test"));
        Assert.Contains(about, m => m.IsTo("kim@committee.test"));

        var samsLink = host.Links().Create(receipt.Reference, "sam", CaseAction.Acknowledge);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.GetAsync(samsLink)).StatusCode);
    }

    [Fact]
    public async Task A_recused_member_receives_nothing_more_and_their_links_stop_working()
    {
        var receipt = await SubmitAsync(Submissions.NewReporter());
        var notice = (await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.StartsWith("New Code of Conduct report " + receipt.Reference, StringComparison.Ordinal))).Single();
        var text = await host.Inbox.TextAsync(notice);
        var recused = await PostAsync(MailLinks.Find(text, "recuse"), []);
        Assert.Contains("You have recused yourself", await recused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // What kim had when the recusal was stored (on a loaded machine a reminder may have come before it) is all she gets.
        var before = (await host.Inbox.AboutAsync(receipt.Reference)).Where(m => m.IsTo("kim@committee.test")).Select(m => m.Id).ToHashSet();
        await host.Inbox.WaitForAsync(m => m.Subject.Contains("Overdue: report " + receipt.Reference, StringComparison.Ordinal), 2 + 1, Long);
        Assert.DoesNotContain(await host.Inbox.AboutAsync(receipt.Reference), m => m.IsTo("kim@committee.test") && !before.Contains(m.Id));

        var acknowledge = await PostAsync(MailLinks.Find(text, "acknowledge"), []);
        Assert.Equal(HttpStatusCode.Forbidden, acknowledge.StatusCode);
        Assert.Contains("no longer works", await acknowledge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var caseRow = (await host.Reports.GetEntityAsync<TableEntity>(receipt.Reference, "case")).Value;
        Assert.Null(caseRow.GetDateTimeOffset("AcknowledgedAt"));
    }

    [Fact]
    public async Task When_every_member_is_excluded_or_recused_the_escalation_contacts_receive_the_report()
    {
        var receipt = await SubmitAsync(Submissions.NewReporter(), excluded: "alex", alsoExcluded: ["sam"]);
        await ActAsync(receipt.Reference, "kim", CaseAction.Recuse);

        var handover = (await host.Inbox.WaitForAsync(m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.StartsWith($"Code of Conduct report {receipt.Reference} for the escalation contacts", StringComparison.Ordinal))).First();
        Assert.Contains("Someone kept interrupting me", await host.Inbox.TextAsync(handover), StringComparison.Ordinal);

        var allExcluded = await SubmitAsync(Submissions.NewReporter(), excluded: "alex", alsoExcluded: ["sam", "kim"]);
        await host.Inbox.WaitForAsync(m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.StartsWith($"Code of Conduct report {allExcluded.Reference} for the escalation contacts", StringComparison.Ordinal));
        Assert.DoesNotContain(await host.Inbox.AboutAsync(allExcluded.Reference), m => m.To.Any(t => t.EndsWith("@committee.test", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_action_link_works_once()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await SubmitAsync(reporter);
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.Ask);

        var first = await PostAsync(link, new() { ["question"] = "First?" });
        var second = await PostAsync(link, new() { ["question"] = "Second?" });
        var reopened = await host.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already used", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, reopened.StatusCode);
        var messages = await host.Services.GetRequiredService<ICaseMessages>().GetMessagesAsync(receipt.Reference, CancellationToken.None);
        Assert.Equal(["First?"], messages.Select(m => m.Text));

        // A later question reaches the reporter after the first: a second mail for the spent link would have come before it.
        await ActAsync(receipt.Reference, "sam", CaseAction.Ask, new() { ["question"] = "Third?" });
        var questions = await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("A question", StringComparison.Ordinal), 2);
        Assert.Equal(2, questions.Count);
    }

    Task<Receipt> SubmitAsync(string reporter, string? excluded = null, string[]? alsoExcluded = null)
    {
        var content = Submissions.Multipart(Submissions.Fields(reporter));
        foreach (var id in new[] { excluded }.Concat(alsoExcluded ?? []).OfType<string>())
        {
            content.Add(new StringContent(id), "excludedMembers");
        }

        return Submissions.SubmitAsync(host.Http, content);
    }

    async Task<HttpResponseMessage> ActAsync(string reference, string memberId, CaseAction action, Dictionary<string, string>? fields = null)
    {
        if (Declarations.WaitFor(host.Services, action))
        {
            await Declarations.NoneAsync(host.Http, host.Links(), reference, memberId);
        }

        var response = await PostAsync(host.Links().Create(reference, memberId, action), fields ?? []);
        Assert.True(response.IsSuccessStatusCode, $"{action} by {memberId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    Task<HttpResponseMessage> PostAsync(Uri link, Dictionary<string, string> fields)
    {
        fields["token"] = MailLinks.Token(link);
        return host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
    }

    async Task<string> StatusAsync(Receipt receipt)
    {
        var response = await host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = receipt.Reference, ["receiptCode"] = receipt.ReceiptCode }));
        return await response.Content.ReadAsStringAsync();
    }

    static string In(TimeSpan span) => DateTimeOffset.UtcNow.Add(span).ToString("O", CultureInfo.InvariantCulture);

    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Long;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(500);
        }
    }
}
