using CocReports.Testing;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using CocReports.Procedure.Links;

namespace CocReports.IntegrationTests;

[Collection(LocalHostCollection.Name)]
public sealed class AcknowledgmentTests(LocalHostFixture host)
{
    [Fact]
    public async Task The_reporter_gets_a_receipt_and_each_member_one_notification()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));

        var receiptMail = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter))).Single();
        var text = await host.Inbox.TextAsync(receiptMail);
        Assert.Contains(receipt.Reference, text, StringComparison.Ordinal);
        Assert.Contains(receipt.ReceiptCode, text, StringComparison.Ordinal);
        Assert.Contains("within 8 seconds", text, StringComparison.Ordinal); // the promise as configured for the test host

        var notices = await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + receipt.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);
        foreach (var (_, _, email) in LocalHostFixture.Members)
        {
            Assert.Single(notices, m => m.IsTo(email));
        }
    }

    [Fact]
    public async Task Following_the_acknowledge_link_tells_the_reporter_the_committee_will_discuss_it()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        var notice = (await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal))).First();
        var link = MailLinks.Find(await host.Inbox.TextAsync(notice), "acknowledge");

        var page = await host.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Opening the page acknowledged nothing: the case has no state stored (an action stores it before it answers).
        Assert.False((await host.Reports.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(receipt.Reference, "case")).HasValue);

        var confirmed = await PostAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        var ack = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal))).Single();
        Assert.Contains("will discuss it", await host.Inbox.TextAsync(ack), StringComparison.Ordinal);

        // A later event reaches the reporter: an acknowledgment mail the opened page had caused would have come before it.
        await PostAsync(host.Links().Create(receipt.Reference, "alex", CaseAction.Ask), new() { ["question"] = "Can you tell us more?" });
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("A question", StringComparison.Ordinal));
        Assert.Single(await host.Inbox.AllAsync(), m => m.IsTo(reporter) && m.Subject.Contains("acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_two_members_acknowledge_at_once_the_first_wins_and_the_second_is_told()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        var links = host.Links();
        var alex = links.Create(receipt.Reference, "alex", CaseAction.Acknowledge);
        var kim = links.Create(receipt.Reference, "kim", CaseAction.Acknowledge);

        var responses = await Task.WhenAll(PostAsync(alex), PostAsync(kim));
        var pages = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.Single(pages, p => p.Contains("The report is acknowledged", StringComparison.Ordinal));
        Assert.Single(pages, p => p.Contains("already acknowledged", StringComparison.Ordinal));
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));

        // A later event reaches the reporter: a second acknowledgment mail would have come before it.
        await PostAsync(links.Create(receipt.Reference, "sam", CaseAction.Ask), new() { ["question"] = "Can you tell us more?" });
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("A question", StringComparison.Ordinal));
        Assert.Single(await host.Inbox.AllAsync(), m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_or_expired_link_shows_a_clear_page_and_changes_nothing()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        var good = host.Links().Create(receipt.Reference, "alex", CaseAction.Acknowledge);
        var token = MailLinks.Token(good);
        var payloadStart = token.IndexOf('.', StringComparison.Ordinal) + 1; // after the key id
        var tampered = new Uri(good.AbsoluteUri.Replace(token, token[..payloadStart] + (token[payloadStart] == 'Q' ? 'R' : 'Q') + token[(payloadStart + 1)..], StringComparison.Ordinal));
        var otherReport = new Uri(good.AbsoluteUri.Replace(receipt.Reference, "COC-0000-0000", StringComparison.Ordinal));
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-30));
        var expired = host.Links(past).Create(receipt.Reference, "alex", CaseAction.Acknowledge);

        var tamperedResponse = await PostAsync(tampered);
        var otherResponse = await PostAsync(otherReport);
        var expiredResponse = await PostAsync(expired);

        Assert.Equal(HttpStatusCode.BadRequest, tamperedResponse.StatusCode);
        Assert.Contains("not valid", await tamperedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expiredResponse.StatusCode);
        Assert.Contains("expired", await expiredResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await host.Reports.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(receipt.Reference, "case")).HasValue);

        // The good link still acknowledges, once: a mail from the refused attempts would have come before this one.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(good)).StatusCode);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));
        Assert.Single(await host.Inbox.AllAsync(), m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unacknowledged_report_reminds_the_committee_then_escalates_at_the_deadline()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));

        var reminders = await host.Inbox.WaitForAsync(m => m.Subject.Contains("Reminder: acknowledge report " + receipt.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);
        var overdue = await host.Inbox.WaitForAsync(m => m.Subject.Contains("Overdue: report " + receipt.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length + 1);

        Assert.Equal(LocalHostFixture.Members.Length, reminders.Count);
        Assert.Single(overdue, m => m.IsTo(LocalHostFixture.EscalationAddress));
    }

    [Fact]
    public async Task Html_typed_by_the_reporter_arrives_encoded_in_every_email()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(reporter, "He posted <script>alert('x')</script> and <b>shouted</b>.")));

        var notice = (await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal))).First();
        var html = await host.Inbox.HtmlAsync(notice);

        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>shouted", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_waiting_on_its_timer_survives_a_restart_of_the_local_host()
    {
        // Acknowledged at once: the next timers are the follow-up's, its reminder due no sooner than 12 s after this.
        var submitted = DateTimeOffset.UtcNow;
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host.Links().Create(receipt.Reference, "alex", CaseAction.Acknowledge))).StatusCode);

        await host.RestartAsync();

        // The host was back before the first of those timers was due: whatever they do, the restarted host did.
        var due = submitted + TimeSpan.Parse(LocalHostFixture.FollowUpRemindAfter, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(DateTimeOffset.UtcNow < due, $"The restart ended {(DateTimeOffset.UtcNow - due).TotalSeconds:0.0} s after the timer was due: it proves nothing.");

        await host.Inbox.WaitForAsync(m => m.Subject.Contains("Overdue: no follow-up on report " + receipt.Reference, StringComparison.Ordinal) && m.IsTo(LocalHostFixture.EscalationAddress), 1, TimeSpan.FromSeconds(60));
    }

    Task<HttpResponseMessage> PostAsync(Uri link, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        fields["token"] = MailLinks.Token(link);
        return host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
    }
}
