using System.Net;
using System.Text.RegularExpressions;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// Appeals on the real engine: a party appeals from the link in the mail that told them of the resolution, once; the
/// appeal is a case of its own that reaches only the members who did not decide and were not kept from the case, its
/// promises remind and escalate like a report's, and its outcome is recorded on both cases.
/// </summary>
public sealed partial class AppealTests(AppealTests.Host host) : IClassFixture<AppealTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    static readonly Dictionary<string, string> Resolution = new()
    {
        ["violation"] = "yes",
        ["incidentType"] = "Other",
        ["response"] = "Warning",
        ["message"] = "We found a violation and warned the person.",
        ["publicSummary"] = "A participant was warned.",
    };

    [Fact]
    public async Task The_reporters_appeal_reaches_only_the_members_who_did_not_decide_and_its_promises_run_like_a_reports()
    {
        // Kim is kept from the report; Alex decides it; Sam alone may hear the appeal.
        var reporter = Submissions.NewReporter();
        var fields = Submissions.Fields(reporter);
        fields[ReportFields.ExcludedMembers] = "kim";
        var original = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields))).Reference;
        await MemberActions.ActAsync(host, original, "alex", CaseAction.Resolve, Resolution);

        var resolved = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject == $"Your report {original} was resolved", 1, Long));
        var link = MailLinks.Find(await host.Inbox.TextAsync(resolved), "appeal");
        var form = WebUtility.HtmlDecode(await host.Http.GetStringAsync(link.PathAndQuery));
        Assert.Contains("Disproportionate response", form, StringComparison.Ordinal);

        var appeal = new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["ground"] = "New information", ["why"] = "Two more people saw it and were not heard." };
        using var sent = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(appeal));
        Assert.Contains("Your appeal is received.", WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var again = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(appeal));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var filed = Assert.Single((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(original, CancellationToken.None)).Appeals);
        var stored = (await host.Services.GetRequiredService<IReportStore>().FindAsync(filed.Reference, CancellationToken.None))!;
        Assert.Equal((Door.Appeal, new Appeal(original, AppealParty.Reporter, "New information"), reporter), (stored.Door, stored.Appeal, stored.Details.ContactEmail));

        // A fresh link of the reporter's appeals no more.
        var fresh = host.Links().CreateAppeal(original, ActionLinks.Reporter, DateTimeOffset.UtcNow.AddDays(1));
        Assert.Contains("can no longer be appealed", WebUtility.HtmlDecode(await host.Http.GetStringAsync(fresh.PathAndQuery)), StringComparison.Ordinal);

        // Sam hears it, is reminded and then told it is overdue, as for a report; the escalation contacts hear of that too.
        await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject == $"Appeal {filed.Reference} of the decision on {original} (Test Community)", 1, Long);
        await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject == $"Reminder: acknowledge report {filed.Reference}", 1, Long);
        await host.Inbox.WaitForAsync(m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.Contains($"Overdue: report {filed.Reference}", StringComparison.Ordinal), 1, Long);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains(filed.Reference, StringComparison.Ordinal), 1, Long);

        // Alex, who decided, and Kim, kept from the case, got none of it, and their links to the appeal act on nothing.
        var about = await host.Inbox.AboutAsync(filed.Reference);
        Assert.DoesNotContain(about, m => m.IsTo("alex@committee.test") || m.IsTo("kim@committee.test"));
        foreach (var member in new[] { "alex", "kim" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.GetAsync(host.Links().Create(filed.Reference, member, CaseAction.Acknowledge).PathAndQuery)).StatusCode);
        }

        // Sam decides the appeal: the appealed case records how it ended, and the appeal's own resolution offers no appeal.
        await MemberActions.ActAsync(host, filed.Reference, "sam", CaseAction.Resolve, new(Resolution) { ["response"] = "Temporary ban", ["responseEnds"] = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        var decided = Assert.Single(await host.Services.GetRequiredService<ICaseMessages>().GetMessagesAsync(original, CancellationToken.None), m => m.Kind == CaseMessageKind.AppealDecided);
        Assert.Equal((filed.Reference, "sam", "Temporary ban"), (decided.Case, decided.From, decided.Response));
        var final = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject == $"Your report {filed.Reference} was resolved", 1, Long));
        Assert.DoesNotContain("/appeal?", await host.Inbox.TextAsync(final), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reported_person_told_after_the_resolution_may_appeal_it_and_their_appeal_is_kept_from_the_deciders()
    {
        var original = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())))).Reference;
        var reported = $"pat-{Guid.NewGuid():N}@example.org";

        // Told after the decision, the notice offers them an appeal of it.
        await MemberActions.ActAsync(host, original, "kim", CaseAction.Resolve, Resolution);
        await MemberActions.ActAsync(host, original, "alex", CaseAction.TellReported, new()
        {
            ["email"] = reported,
            ["behaviour"] = "Mocking other contributors in community calls.",
            ["why"] = "The committee has decided.",
        });
        var notice = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reported), 1, Long));
        var link = MailLinks.Find(await host.Inbox.TextAsync(notice), "appeal");

        var appeal = new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["ground"] = "Disproportionate response", ["why"] = "A warning would have done." };
        using var sent = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(appeal));
        Assert.Contains("Your appeal is received.", WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var filed = Assert.Single((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(original, CancellationToken.None)).Appeals);
        var stored = (await host.Services.GetRequiredService<IReportStore>().FindAsync(filed.Reference, CancellationToken.None))!;
        Assert.Equal((AppealParty.ReportedPerson, reported), (stored.Appeal!.By, stored.Details.ContactEmail));
        Assert.Equal(["kim"], stored.Details.ExcludedMembers);
        await host.Inbox.WaitForAsync(m => m.IsTo(reported) && m.Subject.Contains(filed.Reference, StringComparison.Ordinal), 1, Long);
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.StartsWith($"Appeal {filed.Reference}", StringComparison.Ordinal), 1, Long);
    }

    [Fact]
    public async Task An_anonymous_reporter_finds_the_appeal_on_the_status_page_until_they_used_it()
    {
        var fields = Submissions.Fields(Submissions.NewReporter());
        fields[ReportFields.ContactChoice] = "anonymous";
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields));
        await MemberActions.ActAsync(host, receipt.Reference, "alex", CaseAction.Resolve, Resolution);

        async Task<string> StatusPageAsync()
        {
            using var opened = await host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = receipt.Reference, ["receiptCode"] = receipt.ReceiptCode }));
            return WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync());
        }

        var page = await StatusPageAsync();
        Assert.Matches(AppealHref(), page);
        var link = new Uri(host.BaseUrl, AppealHref().Match(page).Groups[1].Value);
        var appeal = new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["ground"] = "Other", ["why"] = "No one asked me what happened next." };
        using var sent = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(appeal));
        Assert.Contains("Your appeal is received.", WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Single((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(receipt.Reference, CancellationToken.None)).Appeals);
        Assert.DoesNotMatch(AppealHref(), await StatusPageAsync());
    }

    [GeneratedRegex("href=\"(/api/reports/COC-[0-9A-Z-]+/appeal\\?token=[^\"]+)\"")]
    private static partial Regex AppealHref();

    /// <summary>An acknowledgment owed within seconds, so an appeal's reminder and escalation come during the test.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Workflow:AcknowledgeWithin"] = "00:00:20";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:00:08";
            settings["Workflow:FollowUpWithin"] = "02:00:00";
            settings["Workflow:FollowUpRemindAfter:0"] = "01:00:00";
        }
    }
}
