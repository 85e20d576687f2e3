using System.Net;
using Azure.Data.Tables;
using CocReports.Procedure.Reports;
using CocReports.Testing;
using Microsoft.DurableTask.Client;

namespace CocReports.IntegrationTests;

/// <summary>
/// The Functions app itself, which Core Tools would run and cannot be installed here: its own composition, each of
/// its functions invoked through its trigger, on Azurite, smtp4dev and the durable engine, with the outcome its local
/// host twin is tested for.
/// </summary>
[Collection(Name)]
public sealed class FunctionsAppTests(FunctionsAppFixture app)
{
    public const string Name = "functions app";

    [Fact]
    public async Task A_report_sent_to_the_functions_app_is_stored_and_announced_by_its_own_workflow()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(app.FunctionsHttp, Submissions.Multipart(Submissions.Fields(reporter)));

        var stored = await app.Reports.GetEntityIfExistsAsync<TableEntity>(receipt.Reference, "report");
        Assert.True(stored.HasValue);
        var notices = await app.Inbox.WaitForAsync(IsNoticeOf(receipt.Reference), LocalHostFixture.Members.Length);
        Assert.All(LocalHostFixture.Members, member => Assert.Single(notices, m => m.IsTo(app.EmailOf(member.Id))));
        var receiptMail = (await app.Inbox.WaitForAsync(m => m.IsTo(reporter))).Single();
        Assert.Contains(receipt.ReceiptCode, await app.Inbox.TextAsync(receiptMail), StringComparison.Ordinal);

        // Its links lead to the app that mailed them.
        Assert.Equal(app.FunctionsUrl.Authority, MailLinks.Find(await app.Inbox.TextAsync(notices[0]), "view").Authority);
    }

    [Fact]
    public async Task A_member_opens_the_case_page_and_acknowledges_through_the_functions_app()
    {
        var reporter = Submissions.NewReporter();
        var fields = Submissions.Fields(reporter, "They mocked my accent in the project chat.");
        var receipt = await Submissions.SubmitAsync(app.FunctionsHttp, Submissions.Multipart(fields));
        var notice = (await app.Inbox.WaitForAsync(m => IsNoticeOf(receipt.Reference)(m) && m.IsTo(app.EmailOf("sam")))).Single();
        var text = await app.Inbox.TextAsync(notice);

        using var browser = MemberBrowser.NewBrowser(app.FunctionsUrl);
        var page = await MemberBrowser.OpenStringAsync(browser, MailLinks.Find(text, "view"));
        Assert.Contains(receipt.Reference, page, StringComparison.Ordinal);
        Assert.Contains("They mocked my accent in the project chat.", page, StringComparison.Ordinal);

        var acknowledge = MailLinks.Find(text, "acknowledge");
        Assert.Contains("<form method=\"post\"", await MemberBrowser.ShowAsync(browser, acknowledge), StringComparison.Ordinal);
        await MemberBrowser.ActAsync(browser, acknowledge, []);
        await app.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_http_function_answers_as_the_local_host_answers_the_same_request()
    {
        var functions = FunctionsMetadata.Read().Where(f => f.TriggerOf("httpTrigger") is not null).ToList();
        var reference = ReportReference.New();
        var differences = new List<string>();

        foreach (var function in functions)
        {
            var trigger = function.TriggerOf("httpTrigger")!;
            var path = "/api/" + System.Text.RegularExpressions.Regex.Replace(trigger.Route!, @"\{(\w+)[^}]*\}", m => m.Groups[1].Value switch
            {
                "reference" => reference,
                "action" => "acknowledge",
                "index" => "0",
                var other => throw new InvalidOperationException($"No sample value for {{{other}}} in {function.Name}'s route."),
            });
            foreach (var method in trigger.Methods)
            {
                var local = await AnswerAsync(app.Http, method, path);
                var functionsApp = await AnswerAsync(app.FunctionsHttp, method, path);
                if (local != functionsApp)
                {
                    differences.Add($"{function.Name}: {method.ToUpperInvariant()} {path}: local host {local}, Functions app {functionsApp}");
                }
            }
        }

        Assert.NotEmpty(functions);
        Assert.Empty(differences);
    }

    [Fact]
    public async Task The_intake_sweep_timer_starts_the_workflow_of_a_report_stored_without_one()
    {
        var report = await StoredReports.StoreWithoutWorkflowAsync(app.FunctionsServices, Submissions.Fields(Submissions.NewReporter()), receivedAt: DateTimeOffset.UtcNow.AddMinutes(-10));

        await FireUntilAsync("IntakeSweep", async () => await app.FunctionsWorkflows.GetInstanceAsync(report.InstanceId) is not null);

        await app.Inbox.WaitForAsync(IsNoticeOf(report.Reference), LocalHostFixture.Members.Length);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await app.FunctionsWorkflows.GetInstanceAsync(report.InstanceId))!.RuntimeStatus);
    }

    [Fact]
    public async Task The_mailbox_poll_timer_takes_a_report_from_the_conduct_mailbox()
    {
        var reporter = Submissions.NewReporter();
        var subject = "Harassment at the meetup " + Guid.NewGuid().ToString("N")[..8];
        await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, app.Conduct, subject, "Someone kept following me between the talks."));

        await FireUntilAsync("MailboxPoll", async () => (await ConductMailbox.ReportsAsync(app, subject)).Count > 0);

        var report = Assert.Single(await ConductMailbox.ReportsAsync(app, subject));
        await app.Inbox.WaitForAsync(IsNoticeOf(report.Reference), LocalHostFixture.Members.Length);
        Assert.Equal(0, await ConductMailbox.HeldAsync(subject));
    }

    [Fact]
    public async Task The_digest_timer_mails_each_member_their_open_cases()
    {
        var receipt = await Submissions.SubmitAsync(app.FunctionsHttp, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await app.Inbox.WaitForAsync(IsNoticeOf(receipt.Reference), LocalHostFixture.Members.Length);

        await app.Functions.FireTimerAsync("OpenCasesDigest");

        var digests = await app.Inbox.WaitForAsync(m => m.Subject.Contains("Your open cases, week of", StringComparison.Ordinal) && LocalHostFixture.Members.Any(member => m.IsTo(app.EmailOf(member.Id))), LocalHostFixture.Members.Length);
        Assert.All(LocalHostFixture.Members, member => Assert.Single(digests, m => m.IsTo(app.EmailOf(member.Id))));
        Assert.Contains(receipt.Reference, await app.Inbox.TextAsync(digests[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_transparency_review_timer_mails_each_member_last_years_draft()
    {
        var year = DateTime.UtcNow.Year - 1;

        await app.Functions.FireTimerAsync("TransparencyReview");

        var drafts = await app.Inbox.WaitForAsync(m => m.Subject.Contains($"Transparency report {year}: draft for review", StringComparison.Ordinal) && LocalHostFixture.Members.Any(member => m.IsTo(app.EmailOf(member.Id))), LocalHostFixture.Members.Length);
        Assert.All(LocalHostFixture.Members, member => Assert.Single(drafts, m => m.IsTo(app.EmailOf(member.Id))));
        Assert.Equal(app.FunctionsUrl.Authority, MailLinks.Find(await app.Inbox.TextAsync(drafts[0]), "transparency").Authority);
    }

    static Func<Mail, bool> IsNoticeOf(string reference) =>
        m => m.Subject.StartsWith("New Code of Conduct report " + reference, StringComparison.Ordinal);

    // A timer fires again on its next tick: fired until its work is seen, as a few ticks of its schedule would.
    async Task FireUntilAsync(string timer, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            Assert.True(DateTime.UtcNow < deadline, $"{timer} did not do its work.");
            await app.Functions.FireTimerAsync(timer);
        }
        while (!await done());
    }

    static async Task<(HttpStatusCode Status, string? Type)> AnswerAsync(HttpClient http, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
        if (request.Method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType);
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<FunctionsAppFixture>;
}
