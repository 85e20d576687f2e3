using System.Text.RegularExpressions;
using CocReports.Procedure.Links;
using CocReports.Procedure.Timeline;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// axe-core on every server-rendered page, as the web component is checked in <see cref="AccessibilityTests"/>: the
/// plain form with and without errors, the receipt, the status page before and after the committee asked, each
/// action page, the case page and the open-cases page. The contexts bypass the pages' Content-Security-Policy only so axe can be injected.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ServerPageAccessibilityTests(BrowserFixture host, ITestOutputHelper output)
{
    [Fact]
    public async Task Axe_finds_no_violations_on_the_plain_form_with_and_without_errors_the_receipt_and_the_status_page()
    {
        await using var context = await host.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var found = new List<string>();

        await page.GotoAsync(new Uri(host.BaseUrl, "/api/report-form").AbsoluteUri);
        found.AddRange(await Axe.ViolationsAsync(page, "plain form", output));

        // A description of spaces passes the browser's own check and is refused by the server: the form comes back.
        await page.GetByLabel("What happened? (required)").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        found.AddRange(await Axe.ViolationsAsync(page, "plain form with errors", output));

        await page.GetByLabel("What happened? (required)").FillAsync("Insults in the issue tracker, reported without the web component.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(ReferencePattern());
        found.AddRange(await Axe.ViolationsAsync(page, "receipt", output));
        var main = await page.Locator("main").InnerTextAsync();
        var reference = ReferencePattern().Match(main).Value;
        var code = CodePattern().Match(main).Value;

        // The status page shows the timeline as stored when it opens, and the workflow writes "Received" as it starts.
        var timeline = host.Services.GetRequiredService<ITimeline>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await timeline.ReadAsync(reference, CancellationToken.None)).Any(e => e.Step == CaseStep.Received))
        {
            Assert.True(DateTime.UtcNow < deadline, "The workflow did not record the report's receipt.");
            await Task.Delay(200);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the status page" }).ClickAsync();
        found.AddRange(await Axe.ViolationsAsync(page, "status page asking for the code", output));
        await page.GetByLabel("Receipt code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my report" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Your report was received.");
        found.AddRange(await Axe.ViolationsAsync(page, "status page", output));

        await ActAsync(reference, "alex", CaseAction.Ask, ("question", "Which channel was it in?"));
        await page.GotoAsync(new Uri(host.BaseUrl, $"/api/status?reference={reference}").AbsoluteUri);
        await page.GetByLabel("Receipt code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my report" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Which channel was it in?");
        found.AddRange(await Axe.ViolationsAsync(page, "status page with a question to answer", output));

        Assert.Empty(found);
    }

    [Fact]
    public async Task Axe_finds_no_violations_on_the_action_pages_and_the_case_page()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("call.png", "image/png", Submissions.Png(3_000))));
        await using var context = await host.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var found = new List<string>();

        foreach (var action in new[] { CaseAction.Acknowledge, CaseAction.FollowUp, CaseAction.StatusUpdate, CaseAction.Ask, CaseAction.Recuse, CaseAction.MarkUrgent })
        {
            await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", action).AbsoluteUri);
            await Expect(page.GetByRole(AriaRole.Button)).ToBeVisibleAsync();
            found.AddRange(await Axe.ViolationsAsync(page, $"{action} page", output));
        }

        // The same form after a refused post: errors at the top and beside their fields.
        // A date in the past passes the browser's own check and is refused by the server.
        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.FollowUp).AbsoluteUri);
        await page.GetByLabel("When will the next update or the resolution come?").FillAsync("2000-01-01");
        await page.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        found.AddRange(await Axe.ViolationsAsync(page, "follow-up page with errors", output));

        // A decision before the declaration: the page that sends the member to declare first.
        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.Resolve).AbsoluteUri);
        await Expect(page.Locator("main")).ToContainTextAsync("Please declare your conflicts of interest first");
        found.AddRange(await Axe.ViolationsAsync(page, "declare-first page", output));

        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.View).AbsoluteUri);
        found.AddRange(await Axe.ViolationsAsync(page, "page a View link opens", output));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Do you have a conflict of interest");
        found.AddRange(await Axe.ViolationsAsync(page, "declaration of conflicts", output));
        await Declaration.NoConflictAsync(page);
        await Expect(page.Locator("main")).ToContainTextAsync("Who opened this case");
        found.AddRange(await Axe.ViolationsAsync(page, "case page", output));

        // Decisions and the identifiers' page (which shows what the case holds) wait for the declaration made above.
        foreach (var action in new[] { CaseAction.Identify, CaseAction.Resolve, CaseAction.InterimMeasure })
        {
            await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", action).AbsoluteUri);
            await Expect(page.GetByRole(AriaRole.Button)).ToBeVisibleAsync();
            found.AddRange(await Axe.ViolationsAsync(page, $"{action} page", output));
        }

        // Reviewing a measure another member took shows what was done: it too waits for the declaration.
        await ActAsync(receipt.Reference, "alex", CaseAction.InterimMeasure, ("measure", "Removed from the chat for now"), ("until", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.ReviewMeasure).AbsoluteUri);
        await Expect(page.Locator("main")).ToContainTextAsync("Removed from the chat for now");
        found.AddRange(await Axe.ViolationsAsync(page, "ReviewMeasure page", output));

        // Kim reaches the open-cases page from the committee's mail, sent once the case is listed.
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal));
        await page.GotoAsync(host.Links().CreateOpenCases("kim").AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(receipt.Reference);
        found.AddRange(await Axe.ViolationsAsync(page, "open-cases page", output));

        // Resolved with a temporary ban, the case offers to extend it.
        await ActAsync(receipt.Reference, "alex", CaseAction.Resolve, ("violation", "yes"), ("incidentType", "Other"), ("publicSummary", "A participant was banned for a while."),
            ("response", "Temporary ban"), ("responseEnds", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.ExtendResponse).AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Button)).ToBeVisibleAsync();
        found.AddRange(await Axe.ViolationsAsync(page, "ExtendResponse page", output));

        // After the decision: the public statement's draft and publish forms.
        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.PublicStatement).AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save the draft and ask" })).ToBeVisibleAsync();
        found.AddRange(await Axe.ViolationsAsync(page, "PublicStatement page", output));
        await ActAsync(receipt.Reference, "kim", CaseAction.PublicStatement, ("named", "Pat was banned."), ("unnamed", "A participant was banned."), ("ask", "reporter"));
        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.PublishStatement).AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToBeVisibleAsync();
        found.AddRange(await Axe.ViolationsAsync(page, "PublishStatement page", output));

        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.Acknowledge).AbsoluteUri + "x");
        found.AddRange(await Axe.ViolationsAsync(page, "refused link page", output));

        Assert.Empty(found);
    }

    async Task ActAsync(string reference, string member, CaseAction action, params (string Name, string Value)[] fields)
    {
        if (Declarations.WaitFor(host.Services, action))
        {
            await Declarations.NoneAsync(host.Http, host.Links(), reference, member);
        }

        var link = host.Links().Create(reference, member, action);
        var form = fields.ToDictionary(f => f.Name, f => f.Value);
        form["token"] = MailLinks.Token(link);
        var response = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(form));
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode}");
    }


    [GeneratedRegex("COC-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex CodePattern();
}
