using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Api.CaseActions;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using CocReports.Procedure.Timeline;

namespace CocReports.IntegrationTests;

/// <summary>
/// The case page is where a member acts: each action it offers is a form posting a token minted for the page to the
/// same endpoint as the email link, so it is checked, audited and spent exactly as the link would be.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed partial class CasePageActionTests(LocalHostFixture host)
{
    [Fact]
    public void Every_case_action_has_its_place_on_the_actions_route_and_the_route_names_no_other()
    {
        var route = Regex.Match(CaseActionEndpoint.Route, @"\{action:regex\((?<pattern>.+)\)\}$").Groups["pattern"].Value;
        var paths = host.Services.GetServices<ICaseAction>().Select(a => ActionLinks.PathOf(a.Action)).ToList();

        Assert.All(paths, path => Assert.Matches(route, path));
        Assert.Equal(paths.Order(StringComparer.Ordinal), Regex.Match(route, @"\((?<names>[^()]+)\)").Groups["names"].Value.Split('|').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Acknowledging_from_the_case_page_tells_the_reporter_and_is_on_the_timeline_and_in_the_audit_trail()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        var browser = NewBrowser();
        var page = await OpenCaseAsync(browser, receipt.Reference, "alex");

        using var acknowledged = await PostFormAsync(browser, page, receipt.Reference, "acknowledge", []);

        var done = await acknowledged.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Contains("The report is acknowledged.", done, StringComparison.Ordinal);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));

        // The result page leads back to the case; there the step is on the timeline and no longer offered.
        var again = await MemberBrowser.OpenStringAsync(browser, new Uri(host.BaseUrl, BackToTheCase(done)));
        Assert.Contains("<td>Acknowledged</td><td>Alex Rivera</td>", again, StringComparison.Ordinal);
        Assert.Contains("<td>Alex Rivera</td><td>Action: acknowledge</td><td>Done</td>", again, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionPath(receipt.Reference, "acknowledge"), again, StringComparison.Ordinal);
        Assert.Contains(ActionPath(receipt.Reference, "follow-up"), again, StringComparison.Ordinal);
        Assert.Contains(("alex", "action:acknowledge", true), await AuditAsync(receipt.Reference));
    }

    [Fact]
    public async Task A_follow_up_from_the_case_page_reaches_the_reporter_and_its_token_acts_once_but_survives_a_refused_form()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        var browser = NewBrowser();
        var page = await OpenCaseAsync(browser, receipt.Reference, "sam");
        Dictionary<string, string> followUp = new()
        {
            ["discussed"] = "yes",
            ["violation"] = "undecided",
            ["message"] = "We met on Tuesday about this.",
            ["nextUpdateBy"] = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };

        using var incomplete = await PostFormAsync(browser, page, receipt.Reference, "follow-up", new() { ["discussed"] = "yes" });
        using var first = await PostFormAsync(browser, page, receipt.Reference, "follow-up", followUp);
        using var second = await PostFormAsync(browser, page, receipt.Reference, "follow-up", followUp);

        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("Back to the case", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already used", await second.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var mail = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("Follow-up on your report", StringComparison.Ordinal))).Single();
        Assert.Contains("We met on Tuesday about this.", await host.Inbox.TextAsync(mail), StringComparison.Ordinal);
        Assert.Single(await MessageKindsAsync(receipt.Reference), "FollowUp");
        Assert.Single(await AuditAsync(receipt.Reference), ("sam", "action:follow-up", true));
        Assert.Single(await StepsAsync(receipt.Reference), CaseStep.FollowedUp.Name);

        // The workflow took the follow-up as the acknowledgment: the page no longer offers one.
        var after = await OpenCaseAsync(browser, receipt.Reference, "sam");
        Assert.DoesNotContain(ActionPath(receipt.Reference, "acknowledge"), after, StringComparison.Ordinal);
        Assert.Contains(ActionPath(receipt.Reference, "status-update"), after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_who_recused_from_the_page_loses_the_case_and_the_forms_they_were_shown()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        var browser = NewBrowser();
        var page = await OpenCaseAsync(browser, receipt.Reference, "alex");

        using var recused = await PostFormAsync(browser, page, receipt.Reference, "recuse", []);
        using var question = await PostFormAsync(browser, page, receipt.Reference, "ask", new() { ["question"] = "Who else was there?" });
        using var reopened = await browser.GetAsync($"/api/reports/{receipt.Reference}/view");

        Assert.Equal(HttpStatusCode.OK, recused.StatusCode);
        Assert.DoesNotContain("Back to the case", await recused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, question.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reopened.StatusCode);
        Assert.DoesNotContain("<form", await reopened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Question", await MessageKindsAsync(receipt.Reference));
        Assert.Contains(("alex", "action:recuse", true), await AuditAsync(receipt.Reference));
        Assert.DoesNotContain(("alex", "action:ask", true), await AuditAsync(receipt.Reference));
    }

    [Fact]
    public async Task A_note_is_read_by_members_on_the_case_page_and_never_by_the_reporter_or_an_excluded_member()
    {
        const string Note = "A friend of Kim was in that call, so ask Sam to lead.";
        var reporter = Submissions.NewReporter();
        var fields = Submissions.Fields(reporter);
        fields["excludedMembers"] = "kim";
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields));
        var alex = NewBrowser();
        var page = await OpenCaseAsync(alex, receipt.Reference, "alex");

        using var noted = await PostFormAsync(alex, page, receipt.Reference, "note", new() { ["note"] = Note });
        using var again = await PostFormAsync(alex, page, receipt.Reference, "note", new() { ["note"] = Note });
        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var seenBySam = await OpenCaseAsync(NewBrowser(), receipt.Reference, "sam");
        Assert.Matches($"<dt>Alex Rivera, [^<]+ UTC</dt><dd>{Regex.Escape(Note)}</dd>", seenBySam);
        Assert.Contains("<td>Noted</td><td>Alex Rivera</td><td></td>", seenBySam, StringComparison.Ordinal);
        Assert.Contains(("alex", "action:note", true), await AuditAsync(receipt.Reference));

        // Kim, whom the reporter excluded, can neither read the case nor add to it with a token of her own.
        using var kimPage = await MemberBrowser.OpenAsync(NewBrowser(), host.Links().Create(receipt.Reference, "kim", CaseAction.View));
        using var kimNote = await NewBrowser().PostAsync(
            ActionPath(receipt.Reference, "note"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = host.Links().CreateForPage(receipt.Reference, "kim", CaseAction.Note), ["note"] = "Mine" }));
        Assert.Equal(HttpStatusCode.Forbidden, kimPage.StatusCode);
        Assert.DoesNotContain("ask Sam to lead", await kimPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, kimNote.StatusCode);

        // A later update reaches the reporter: by then every mail they got, and their status page, is without the note.
        using var update = await PostFormAsync(alex, page, receipt.Reference, "status-update", new()
        {
            ["update"] = "We are talking to the people involved.",
            ["nextUpdateBy"] = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("Status update", StringComparison.Ordinal));
        foreach (var mail in (await host.Inbox.AllAsync()).Where(m => m.IsTo(reporter) || m.IsTo("kim@committee.test")))
        {
            Assert.DoesNotContain("ask Sam to lead", await host.Inbox.RawAsync(mail), StringComparison.Ordinal);
        }

        using var status = await host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = receipt.Reference, ["receiptCode"] = receipt.ReceiptCode }));
        var statusPage = await status.Content.ReadAsStringAsync();
        Assert.Contains("We are talking to the people involved.", statusPage, StringComparison.Ordinal);
        Assert.DoesNotContain("ask Sam to lead", statusPage, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseStep.Noted.Name, statusPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolved_case_offers_only_a_note_a_legal_hold_telling_the_reported_person_a_public_statement_and_recusal()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await Declarations.NoneAsync(host.Http, host.Links(), receipt.Reference, "sam");
        var resolve = host.Links().Create(receipt.Reference, "sam", CaseAction.Resolve);
        using var resolved = await host.Http.PostAsync(resolve.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = MailLinks.Token(resolve),
            ["violation"] = "no",
            ["incidentType"] = "Disrupting discussions or events",
            ["cannotBeAnonymized"] = "true",
        }));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var page = await OpenCaseAsync(NewBrowser(), receipt.Reference, "alex");

        Assert.Equal(["legal-hold", "note", "public-statement", "recuse", "tell-reported"], FormAction().Matches(page).Select(m => m.Groups[2].Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_picture_is_shown_inline_without_its_metadata_and_other_files_stay_downloads()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("IMG_2041.jpg", "image/jpeg", Photos.GeotaggedJpeg()), ("minutes.pdf", "application/pdf", Submissions.Pdf(3000))));
        var browser = NewBrowser();

        var page = await OpenCaseAsync(browser, receipt.Reference, "alex");

        var pictures = Image().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([$"/api/reports/{receipt.Reference}/evidence/0"], pictures);
        using var shown = await browser.GetAsync(pictures[0]); // as the browser loads it, in the same case session
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("image/jpeg", shown.Content.Headers.ContentType?.MediaType);
        var bytes = await shown.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Photos.Latitude));
        Assert.Contains($"<a href=\"/api/reports/{receipt.Reference}/evidence/1\">evidence-2.pdf</a>", page, StringComparison.Ordinal);
    }

    HttpClient NewBrowser() => MemberBrowser.NewBrowser(host.BaseUrl);

    Task<string> OpenCaseAsync(HttpClient browser, string reference, string memberId) =>
        MemberBrowser.OpenStringAsync(browser, host.Links().Create(reference, memberId, CaseAction.View));

    /// <summary>Submits the form the case page shows for <paramref name="action"/>, as a browser would: its token and the member's answers.</summary>
    static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string reference, string action, Dictionary<string, string> values)
    {
        var form = FormAction().Matches(page).Single(m => m.Groups[1].Value == ActionPath(reference, action));
        values["token"] = WebUtility.HtmlDecode(form.Groups[3].Value);
        return await browser.PostAsync(form.Groups[1].Value, new FormUrlEncodedContent(values));
    }

    static string ActionPath(string reference, string action) => $"/api/reports/{reference}/{action}";

    static string BackToTheCase(string html) => WebUtility.HtmlDecode(BackLink().Match(html).Groups[1].Value);

    async Task<List<(string MemberId, string What, bool Allowed)>> AuditAsync(string reference)
    {
        var entries = new List<(string, string, bool)>();
        await foreach (var e in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            entries.Add((e.GetString("MemberId"), e.GetString("What"), e.GetBoolean("Allowed")!.Value));
        }

        return entries;
    }

    async Task<List<string>> MessageKindsAsync(string reference)
    {
        var kinds = new List<string>();
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.PartitionKey == reference && e.RowKey.CompareTo("msg-") >= 0 && e.RowKey.CompareTo("msg.") < 0))
        {
            kinds.Add(JsonSerializer.Deserialize<CaseMessage>(row.GetString("Message"))!.Kind.ToString());
        }

        return kinds;
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

    [GeneratedRegex("<form method=\"post\" action=\"(/api/reports/[^/\"]+/([a-z-]+))\"[^>]*>\\s*<input type=\"hidden\" name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex Image();

    [GeneratedRegex("<a href=\"([^\"]+)\">Back to the case</a>")]
    private static partial Regex BackLink();
}
