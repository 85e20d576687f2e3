using System.Net;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// A member opening a report for the first time declares their conflicts before anything of it is shown: none, a
/// soft conflict (reads and discusses, does not decide) or a hard one (recuses). The declaration is a form on the case
/// page, posted like every action, so it is checked, audited and spent the same way.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class ConflictDeclarationTests(LocalHostFixture host)
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_report_is_shown_only_after_the_declaration_and_a_member_with_a_soft_conflict_reads_it_but_cannot_resolve_it()
    {
        var secret = "Declared secret " + Guid.NewGuid().ToString("N");
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter(), secret), ("screenshot.pdf", "application/pdf", Submissions.Pdf(2_000))));
        var browser = MemberBrowser.NewBrowser(host.BaseUrl);
        var casePage = await EnterAsync(browser, receipt.Reference, "kim");

        // Before the declaration: its form alone, nothing of the report, and the evidence waits too.
        var asked = await browser.GetStringAsync(casePage);
        Assert.Contains("Do you have a conflict of interest", asked, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, asked, StringComparison.Ordinal);
        Assert.DoesNotContain("Who opened this case", asked, StringComparison.Ordinal);
        using (var evidence = await browser.GetAsync($"/api/reports/{receipt.Reference}/evidence/0"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, evidence.StatusCode);
            Assert.Contains("declare your conflicts of interest first", await evidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var declared = await MemberBrowser.DeclareAsync(browser, casePage, "soft", "We co-maintain a library.");
        Assert.Contains("Your soft conflict is recorded.", declared, StringComparison.Ordinal);

        // Now the report, the soft conflict beside the recusals, the reason as Kim's note, and no form to resolve it.
        var shown = await browser.GetStringAsync(casePage);
        Assert.Contains(secret, shown, StringComparison.Ordinal);
        Assert.Contains("Kim Tanaka", shown, StringComparison.Ordinal);
        Assert.Contains("My reason for declaring a soft conflict: We co-maintain a library.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain($"/api/reports/{receipt.Reference}/resolve", shown, StringComparison.Ordinal);
        Assert.Contains($"/api/reports/{receipt.Reference}/follow-up", shown, StringComparison.Ordinal);

        // A Resolve link from mail is refused for her before it is spent, and the case's rule refuses it anyway.
        var resolve = host.Links().Create(receipt.Reference, "kim", CaseAction.Resolve);
        Assert.Contains("You declared a soft conflict", await MemberBrowser.ShowAsync(browser, resolve), StringComparison.Ordinal);
        using var refused = await browser.PostAsync(resolve.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = MailLinks.Token(resolve),
            ["violation"] = "no",
            ["incidentType"] = "Other",
            ["actions"] = "None.",
            ["cannotBeAnonymized"] = "true",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("You declared a soft conflict", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var state = await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(receipt.Reference, CancellationToken.None);
        Assert.Null(state.ResolvedAt);
        Assert.Equal(["kim"], state.SoftConflicts);

        // The declaration is on the timeline, in the audit trail, and made once.
        var steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(receipt.Reference, CancellationToken.None);
        Assert.Contains(steps, s => s.Step == CaseStep.SoftConflictDeclared && s.MemberId == "kim");
        var trail = await host.Services.GetRequiredService<IAuditTrail>().ReadAsync(receipt.Reference, CancellationToken.None);
        Assert.Contains(trail, e => e.Entry.MemberId == "kim" && e.Entry.What == "action:declare" && e.Entry.Allowed);
        var declare = host.Links().CreateForPage(receipt.Reference, "kim", CaseAction.Declare);
        using var again = await browser.PostAsync(
            $"/api/reports/{receipt.Reference}/declare", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = declare, ["conflict"] = "none" }));
        Assert.Contains("You already declared your conflicts on this report.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["kim"], (await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(receipt.Reference, CancellationToken.None)).SoftConflicts);
    }

    [Fact]
    public async Task A_decision_from_a_mail_link_waits_for_the_members_declaration_while_acknowledging_does_not()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        var resolve = host.Links().Create(receipt.Reference, "alex", CaseAction.Resolve);
        var fields = new Dictionary<string, string> { ["token"] = MailLinks.Token(resolve), ["violation"] = "no", ["incidentType"] = "Other", ["cannotBeAnonymized"] = "true" };

        using (var refused = await host.Http.PostAsync(resolve.AbsolutePath, new FormUrlEncodedContent(fields)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("Please declare your conflicts of interest first.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(receipt.Reference, CancellationToken.None)).ResolvedAt);
        var acknowledge = host.Links().Create(receipt.Reference, "alex", CaseAction.Acknowledge);
        using (var acknowledged = await host.Http.PostAsync(acknowledge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(acknowledge) })))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        // Declared, the same link (not spent by the refusal) resolves.
        await Declarations.NoneAsync(host.Http, host.Links(), receipt.Reference, "alex");
        using var resolved = await host.Http.PostAsync(resolve.AbsolutePath, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.NotNull((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(receipt.Reference, CancellationToken.None)).ResolvedAt);
    }

    [Fact]
    public async Task A_hard_conflict_recuses_the_member_who_then_sees_nothing_more_of_the_report()
    {
        var secret = "Hard conflict secret " + Guid.NewGuid().ToString("N");
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter(), secret)));
        var browser = MemberBrowser.NewBrowser(host.BaseUrl);
        var casePage = await EnterAsync(browser, receipt.Reference, "sam");

        var declared = await MemberBrowser.DeclareAsync(browser, casePage, "hard");

        Assert.Contains("You have recused yourself.", declared, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, declared, StringComparison.Ordinal);
        using var after = await browser.GetAsync(casePage);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.DoesNotContain(secret, await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var state = await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(receipt.Reference, CancellationToken.None);
        Assert.Contains("sam", state.RecusedMembers);
        var steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(receipt.Reference, CancellationToken.None);
        Assert.Contains(steps, s => s.Step == CaseStep.Recused && s.MemberId == "sam");
    }

    [Fact]
    public async Task When_everyone_left_declared_a_soft_conflict_no_one_could_decide_and_the_report_is_handed_to_the_escalation_contacts()
    {
        var secret = "Soft quorum secret " + Guid.NewGuid().ToString("N");
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter(), secret)));
        foreach (var (member, _, _) in LocalHostFixture.Members)
        {
            var browser = MemberBrowser.NewBrowser(host.BaseUrl);
            await MemberBrowser.DeclareAsync(browser, await EnterAsync(browser, receipt.Reference, member), "soft");
        }

        // Once handed over, every later notice reaches the contacts under the same subject, with the report (the
        // acknowledgment reminder may already have come by now): any one of them shows the handover.
        var handover = (await host.Inbox.WaitForAsync(
            m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.StartsWith($"Code of Conduct report {receipt.Reference} for the escalation contacts", StringComparison.Ordinal),
            1,
            Long))[0];
        Assert.Contains(secret, await host.Inbox.TextAsync(handover), StringComparison.Ordinal);
        var steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(receipt.Reference, CancellationToken.None);
        var handedOver = Assert.Single(steps, s => s.Step == CaseStep.HandedToEscalation);
        Assert.Equal(LocalHostFixture.Members.Length, steps.Count(s => s.Step == CaseStep.SoftConflictDeclared && s.At <= handedOver.At));
    }

    Task<string> EnterAsync(HttpClient browser, string reference, string memberId) =>
        MemberBrowser.EnterAsync(browser, host.Links().Create(reference, memberId, CaseAction.View));
}
