using System.Net;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// The reported person's side on the real engine: a member tells them, and the notice carries only what the committee
/// wrote (none of the reporter's words or identity); their link gives one statement, which reaches the committee and
/// is kept with the case; a window that closes without one is told to the committee.
/// </summary>
public sealed class ReportedPersonTests(ReportedPersonTests.Host host) : IClassFixture<ReportedPersonTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    const string Closed = "This matter is closed: no statement can be given any more.";

    [Fact]
    public async Task The_reported_person_reads_only_the_committees_words_and_answers_once()
    {
        var marker = Guid.NewGuid().ToString("N");
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter, $"Pat mocked me in the call {marker}.")));
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal), 1, Long);
        var reported = $"pat-{Guid.NewGuid():N}@example.org";
        var notice = new Dictionary<string, string>
        {
            ["email"] = reported,
            ["behaviour"] = "Mocking other contributors in community calls.",
            ["change"] = "Address people respectfully.",
            ["why"] = "The committee has decided; the calls go on weekly.",
        };

        // A notice that names the reporter is refused, and nothing goes.
        using var naming = await MemberActions.PostAsync(host, receipt.Reference, "alex", CaseAction.TellReported, new(notice) { ["impact"] = "Rita Reporter felt unwelcome." });
        Assert.Equal(HttpStatusCode.BadRequest, naming.StatusCode);
        Assert.Contains("This names the reporter", WebUtility.HtmlDecode(await naming.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await MemberActions.ActAsync(host, receipt.Reference, "alex", CaseAction.TellReported, notice);
        var mail = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reported), 1, Long));
        var text = await host.Inbox.TextAsync(mail);
        Assert.Contains("Mocking other contributors in community calls.", text, StringComparison.Ordinal);
        foreach (var secret in new[] { marker, reporter, "Rita Reporter", "Pat mocked me", "The committee has decided" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, mail.Subject, StringComparison.Ordinal);
        }

        var link = MailLinks.Find(text, "statement");
        var page = WebUtility.HtmlDecode(await host.Http.GetStringAsync(link.PathAndQuery));
        Assert.Contains("Address people respectfully.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, page, StringComparison.Ordinal);
        Assert.DoesNotContain(reporter, page, StringComparison.Ordinal);

        var statement = new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["statement"] = $"I did not mean to mock anyone {marker[..6]}." };
        using var sent = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(statement));
        Assert.Contains("Your statement was sent to the committee.", WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var again = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(statement));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject == $"The reported person gave their statement on report {receipt.Reference}", 1, Long);
        var messages = await host.Services.GetRequiredService<ICaseMessages>().GetMessagesAsync(receipt.Reference, CancellationToken.None);
        Assert.Equal(ActionLinks.ReportedPerson, Assert.Single(messages, m => m.Kind == CaseMessageKind.Statement).From);
        Assert.False(messages.Single(m => m.Kind == CaseMessageKind.Statement).ShownToReporter);
    }

    [Fact]
    public async Task A_window_that_closes_without_a_statement_is_told_to_the_committee_and_the_link_closes_with_it()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal), 1, Long);
        var quiet = $"quiet-{Guid.NewGuid():N}@example.org";
        await MemberActions.ActAsync(host, receipt.Reference, "sam", CaseAction.TellReported, new()
        {
            ["email"] = quiet,
            ["behaviour"] = "Repeated off-topic remarks.",
            ["why"] = "They asked the committee what happened.",
        });

        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject == $"No statement came on report {receipt.Reference}", 1, Long);

        // Their link closed with the window (within its last second it still opens, to say so): it takes no statement.
        // The engine's timer may fire up to a second early (queue visibility is in whole seconds): the window's end is
        // read from storage, and waited for if it is still ahead.
        var told = (await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(receipt.Reference, CancellationToken.None)).ReportedToldAt!.Value;
        var ahead = told + Host.Window - DateTimeOffset.UtcNow;
        if (ahead > TimeSpan.Zero)
        {
            await Task.Delay(ahead + TimeSpan.FromMilliseconds(100));
        }

        var link = MailLinks.Find(await host.Inbox.TextAsync(Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(quiet), 1, Long))), "statement");
        var page = WebUtility.HtmlDecode(await (await host.Http.GetAsync(link.PathAndQuery)).Content.ReadAsStringAsync());
        Assert.True(page.Contains("This link has expired.", StringComparison.Ordinal) || page.Contains(Closed, StringComparison.Ordinal), page);
        using var late = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["statement"] = "Too late." }));
        Assert.NotEqual(HttpStatusCode.OK, late.StatusCode);
        var messages = await host.Services.GetRequiredService<ICaseMessages>().GetMessagesAsync(receipt.Reference, CancellationToken.None);
        Assert.DoesNotContain(messages, m => m.Kind == CaseMessageKind.Statement);
    }

    /// <summary>A statement window of seconds; the report's own promises too far off to remind during the test.</summary>
    public sealed class Host : LocalHostFixture
    {
        public static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Workflow:StatementWindow"] = Window.ToString();
            settings["Workflow:AcknowledgeWithin"] = "01:00:00";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:30:00";
            settings["Workflow:FollowUpWithin"] = "02:00:00";
            settings["Workflow:FollowUpRemindAfter:0"] = "01:00:00";
        }
    }
}
