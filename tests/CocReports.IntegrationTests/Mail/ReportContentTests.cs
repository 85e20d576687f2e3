using System.Net;
using System.Text.RegularExpressions;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Under the default Notifications:Content (None), what a reporter types stays on the case page: no committee mail
/// carries it (first notice, reminders, overdue notices, the reporter's answer), and the reporter's own mail doesn't
/// repeat it either.
/// </summary>
[Collection(Name)]
public sealed partial class ReportContentTests(ReportContentTests.Host host)
{
    public const string Name = "report content";

    static readonly TimeSpan Long = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task With_the_default_setting_no_committee_mail_carries_anything_the_reporter_typed()
    {
        var reporter = Submissions.NewReporter();
        var mark = Guid.NewGuid().ToString("N")[..8];
        var typed = new Dictionary<string, string>
        {
            ["description"] = $"Narrative{mark} he followed me after the talk",
            ["contactName"] = $"Reportername{mark}",
            ["occurredAt"] = $"Occurred{mark} on Friday",
            ["location"] = $"Location{mark} hallway",
            ["circumstances"] = $"Circumstances{mark} after drinks",
            ["othersInvolved"] = $"Witness{mark} saw it",
            ["reportedPerson"] = $"Reported{mark} handle",
            ["onlineSpace"] = $"Space{mark} channel",
            ["conversationLink"] = $"https://chat.example.org/Link{mark}",
            ["safetyConcerns"] = $"Safety{mark} worried",
        };
        var physical = new Dictionary<string, string> { ["eventName"] = $"Event{mark} conference" };
        var fileName = $"Evidence{mark}.png";
        var answer = $"Answer{mark} there were two of them";

        var online = await SubmitAsync(Fields(reporter, typed, "online"), (fileName, "image/png", Submissions.Png(2048)));
        var inPerson = await SubmitAsync(Fields(Submissions.NewReporter(), new Dictionary<string, string>(typed.Concat(physical)), "physical"));

        // The reporter answers a question: the committee is told, without the answer.
        await ActAsync(online.Reference, "sam", CaseAction.Ask, new() { ["question"] = "Was anyone else there?" });
        var question = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.StartsWith("A question about your report", StringComparison.Ordinal))).Single();
        var answerLink = MailLinks.Find(await host.Inbox.TextAsync(question), "answer");
        var questionId = QuestionId().Match(await host.Http.GetStringAsync(answerLink)).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(answerLink, new() { ["questionId"] = questionId, ["answer"] = answer })).StatusCode);

        var members = LocalHostFixture.Members.Length;
        await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("The reporter answered on report " + online.Reference, StringComparison.Ordinal), members, Long);
        foreach (var reference in new[] { online.Reference, inPerson.Reference })
        {
            await host.Inbox.WaitForAsync(m => m.Subject.Contains("Reminder: acknowledge report " + reference, StringComparison.Ordinal), members, Long);
            await host.Inbox.WaitForAsync(m => m.Subject.Contains("Overdue: report " + reference, StringComparison.Ordinal) && m.IsTo(LocalHostFixture.EscalationAddress), 1, Long);
        }

        var words = typed.Values.Concat(physical.Values).Append(fileName).Append(answer).ToList();
        var committeeMail = (await host.Inbox.AllAsync())
            .Where(m => m.Subject.Contains(online.Reference, StringComparison.Ordinal) || m.Subject.Contains(inPerson.Reference, StringComparison.Ordinal))
            .Where(m => LocalHostFixture.Members.Any(member => m.IsTo(member.Email)) || m.IsTo(LocalHostFixture.EscalationAddress))
            .ToList();
        Assert.True(committeeMail.Count >= (4 * members) + 2, $"Only {committeeMail.Count} committee mails arrived.");
        foreach (var mail in committeeMail)
        {
            var text = await host.Inbox.TextAsync(mail);
            var whole = $"{mail.Subject}\n{text}\n{await host.Inbox.HtmlAsync(mail)}";
            Assert.All(words, word => Assert.DoesNotContain(word, whole, StringComparison.OrdinalIgnoreCase));
            Assert.Contains("Reference:", text, StringComparison.Ordinal);
        }

        var first = committeeMail.First(m => m.IsTo("kim@committee.test") && m.Subject.StartsWith("New Code of Conduct report " + online.Reference, StringComparison.Ordinal));
        var firstText = await host.Inbox.TextAsync(first);
        Assert.Contains($"/api/reports/{online.Reference}/view?token=", firstText, StringComparison.Ordinal);
        Assert.Contains("Came in through:\nThe report form", firstText, StringComparison.Ordinal);

        // The case page, behind the member's link, still holds the whole report.
        using var page = await MemberBrowser.OpenAsync(host.Http, MailLinks.Find(firstText, "view"));
        Assert.Contains(typed["description"], await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var mail in (await host.Inbox.AllAsync()).Where(m => m.IsTo(reporter)))
        {
            var whole = $"{mail.Subject}\n{await host.Inbox.TextAsync(mail)}\n{await host.Inbox.HtmlAsync(mail)}";
            Assert.All(words, word => Assert.DoesNotContain(word, whole, StringComparison.OrdinalIgnoreCase));
        }
    }

    static Dictionary<string, string> Fields(string reporter, IDictionary<string, string> typed, string setting)
    {
        var fields = Submissions.Fields(reporter);
        foreach (var (name, value) in typed)
        {
            fields[name] = value;
        }

        fields["setting"] = setting;
        return fields;
    }

    Task<Receipt> SubmitAsync(Dictionary<string, string> fields, params (string Name, string Type, byte[] Bytes)[] files) =>
        Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields, files));

    async Task ActAsync(string reference, string memberId, CaseAction action, Dictionary<string, string> fields)
    {
        var response = await PostAsync(host.Links().Create(reference, memberId, action), fields);
        Assert.True(response.IsSuccessStatusCode, $"{action} by {memberId}: {(int)response.StatusCode}");
    }

    Task<HttpResponseMessage> PostAsync(Uri link, Dictionary<string, string> fields)
    {
        fields["token"] = MailLinks.Token(link);
        return host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"questionId\" type=\"radio\" value=\"([0-9a-f]+)\"")]
    private static partial Regex QuestionId();

    /// <summary>The shared fixture with Notifications:Content left at its default.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings.Remove("Notifications:Content");
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
