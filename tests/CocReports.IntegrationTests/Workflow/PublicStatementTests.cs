using System.Net;
using CocReports.Api.CaseActions;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// A public statement with consent on the real engine: a member drafts it naming people and naming no one, the
/// reporter and the reported person are each mailed the named version and answer; the named version is refused
/// until everyone said yes, the unnamed one is published once.
/// </summary>
public sealed class PublicStatementTests(AppealTests.Host host) : IClassFixture<AppealTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_statement_names_people_only_with_everyones_consent_and_is_published_once()
    {
        var reporter = Submissions.NewReporter();
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter, "Pat mocked me in every call.")))).Reference;
        var reported = $"pat-{Guid.NewGuid():N}@example.org";
        await MemberActions.ActAsync(host, reference, "alex", CaseAction.Resolve, new() { ["violation"] = "yes", ["incidentType"] = "Other", ["publicSummary"] = "A participant was removed." });
        await MemberActions.ActAsync(host, reference, "alex", CaseAction.TellReported, new() { ["email"] = reported, ["behaviour"] = "Mocking others in calls.", ["why"] = "Decided." });

        var draft = host.Links().Create(reference, "alex", CaseAction.PublicStatement);
        using var drafted = await host.Http.PostAsync(draft.AbsolutePath, new FormUrlEncodedContent(
        [
            new("token", MailLinks.Token(draft)),
            new("named", "Pat Example is removed from the project for a year after a report by a contributor."),
            new("unnamed", "A participant is removed from the project for a year."),
            new("ask", ActionLinks.Reporter),
            new("ask", ActionLinks.ReportedPerson),
        ]));
        Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);

        // Each party reads the version naming people, and nothing of the report.
        async Task<Uri> ConsentLinkAsync(string to)
        {
            var mail = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(to) && m.Subject.StartsWith("May a public statement name you?", StringComparison.Ordinal), 1, Long));
            var text = await host.Inbox.TextAsync(mail);
            Assert.Contains("Pat Example is removed from the project", text, StringComparison.Ordinal);
            Assert.DoesNotContain("mocked me", text, StringComparison.Ordinal);
            return MailLinks.Find(text, "consent");
        }

        foreach (var (to, answer) in new[] { (reporter, "yes"), (reported, "no") })
        {
            var link = await ConsentLinkAsync(to);
            using var answered = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["consent"] = answer }));
            Assert.Contains("Your answer is with the committee.", WebUtility.HtmlDecode(await answered.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // The reported person said no: the version naming people is refused, the one naming no one is published, once.
        using var named = await MemberActions.PostAsync(host, reference, "sam", CaseAction.PublishStatement, new() { ["version"] = PublishStatementAction.Named });
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Contains("Not everyone asked said yes", WebUtility.HtmlDecode(await named.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await MemberActions.ActAsync(host, reference, "sam", CaseAction.PublishStatement, new() { ["version"] = PublishStatementAction.Unnamed });
        using var again = await MemberActions.PostAsync(host, reference, "kim", CaseAction.PublishStatement, new() { ["version"] = PublishStatementAction.Unnamed });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var messages = await host.Services.GetRequiredService<ICaseMessages>().GetMessagesAsync(reference, CancellationToken.None);
        Assert.Equal("A participant is removed from the project for a year.", Assert.Single(messages, m => m.Kind == CaseMessageKind.PublicStatement).Text);
        Assert.NotNull((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(reference, CancellationToken.None)).PublicStatementAt);
    }
}
