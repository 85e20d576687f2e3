using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Membership changes without losing a case, for the member who joins: the open cases announced before they joined
/// are listed to them by reference alone until they have declared their conflicts on each (Django's practice), while a
/// report that arrives after they joined is theirs like anyone's.
/// </summary>
public sealed class NewcomerTests(NewcomerTests.Host host) : IClassFixture<NewcomerTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_newcomers_open_cases_are_references_to_declare_on_until_they_have_declared_and_then_are_listed_with_their_deadlines()
    {
        var before = await SubmitAsync("alex@committee.test");
        await host.JoinAsync();
        var after = await SubmitAsync("lin@committee.test");

        using var browser = MemberBrowser.NewBrowser(host.BaseUrl);
        var page = await OpenCasesAsync(browser);
        var (listed, toDeclare) = Sections(page);
        Assert.DoesNotContain(before.Reference, listed, StringComparison.Ordinal);
        Assert.Contains(before.Reference, toDeclare, StringComparison.Ordinal);
        Assert.Contains(after.Reference, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(after.Reference, toDeclare, StringComparison.Ordinal);

        // The case page asks for the declaration before showing anything; once declared, the case is listed like any other.
        using (var caseBrowser = MemberBrowser.NewBrowser(host.BaseUrl))
        {
            var casePage = await MemberBrowser.EnterAsync(caseBrowser, host.Links().Create(before.Reference, "lin", CaseAction.View));
            await MemberBrowser.DeclareAsync(caseBrowser, casePage, "none");
        }

        (listed, toDeclare) = Sections(await (await browser.GetAsync("/api/open-cases")).Content.ReadAsStringAsync());
        Assert.Contains(before.Reference, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Cases to declare your conflicts on first", toDeclare, StringComparison.Ordinal);
    }

    async Task<string> OpenCasesAsync(HttpClient browser)
    {
        using var response = await MemberBrowser.OpenAsync(browser, host.Links().CreateOpenCases("lin"));
        return await response.Content.ReadAsStringAsync();
    }

    // The page's main list, and what follows its "declare first" heading (empty when there is none).
    static (string Listed, string ToDeclare) Sections(string page)
    {
        var at = page.IndexOf("Cases to declare your conflicts on first", StringComparison.Ordinal);
        return at < 0 ? (page, "") : (page[..at], page[at..]);
    }

    async Task<Receipt> SubmitAsync(string toldTo)
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await host.Inbox.WaitForAsync(m => m.IsTo(toldTo) && m.Subject.StartsWith($"New Code of Conduct report {receipt.Reference}", StringComparison.Ordinal), 1, Long);
        return receipt;
    }

    /// <summary>A committee that Lin joins midway, as a deploy with a new member list does; promises far off.</summary>
    public sealed class Host : LocalHostFixture
    {
        bool joined;

        public Task JoinAsync()
        {
            joined = true;
            return RestartAsync();
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Workflow:AcknowledgeWithin"] = "01:00:00";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:30:00";
            if (joined)
            {
                settings[$"Committee:Members:{Members.Length}:Id"] = "lin";
                settings[$"Committee:Members:{Members.Length}:Name"] = "Lin Park";
                settings[$"Committee:Members:{Members.Length}:Email"] = "lin@committee.test";
            }
        }
    }
}
