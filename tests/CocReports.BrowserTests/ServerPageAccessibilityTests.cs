using System.Text.RegularExpressions;
using CocReports.Procedure.Links;
using CocReports.Testing;
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
    const string RunAxe = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
          .map(v => v.id + ': ' + v.nodes.length + ' (' + v.help + ': ' + v.nodes.map(n => n.target.join(' > ')).join(', ') + ')')
        """;

    static readonly string Axe = Path.Combine(BrowserFixture.RepositoryRoot, "node_modules", "axe-core", "axe.min.js");

    [Fact]
    public async Task Axe_finds_no_violations_on_the_plain_form_with_and_without_errors_the_receipt_and_the_status_page()
    {
        Assert.True(File.Exists(Axe), $"{Axe} is missing: run `npm ci` in the repository root.");
        await using var context = await host.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var found = new List<string>();

        await page.GotoAsync(new Uri(host.BaseUrl, "/api/report-form").AbsoluteUri);
        found.AddRange(await ViolationsAsync(page, "plain form"));

        // A description of spaces passes the browser's own check and is refused by the server: the form comes back.
        await page.GetByLabel("What happened? (required)").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        found.AddRange(await ViolationsAsync(page, "plain form with errors"));

        await page.GetByLabel("What happened? (required)").FillAsync("Insults in the issue tracker, reported without the web component.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(ReferencePattern());
        found.AddRange(await ViolationsAsync(page, "receipt"));
        var main = await page.Locator("main").InnerTextAsync();
        var reference = ReferencePattern().Match(main).Value;
        var code = CodePattern().Match(main).Value;

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the status page" }).ClickAsync();
        found.AddRange(await ViolationsAsync(page, "status page asking for the code"));
        await page.GetByLabel("Receipt code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my report" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Your report was received.");
        found.AddRange(await ViolationsAsync(page, "status page"));

        await ActAsync(reference, "alex", CaseAction.Ask, ("question", "Which channel was it in?"));
        await page.GotoAsync(new Uri(host.BaseUrl, $"/api/status?reference={reference}").AbsoluteUri);
        await page.GetByLabel("Receipt code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my report" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Which channel was it in?");
        found.AddRange(await ViolationsAsync(page, "status page with a question to answer"));

        Assert.Empty(found);
    }

    [Fact]
    public async Task Axe_finds_no_violations_on_the_action_pages_and_the_case_page()
    {
        Assert.True(File.Exists(Axe), $"{Axe} is missing: run `npm ci` in the repository root.");
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("call.png", "image/png", Submissions.Png(3_000))));
        await using var context = await host.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var found = new List<string>();

        foreach (var action in new[] { CaseAction.Acknowledge, CaseAction.FollowUp, CaseAction.StatusUpdate, CaseAction.Ask, CaseAction.Resolve, CaseAction.Recuse, CaseAction.Identify })
        {
            await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", action).AbsoluteUri);
            await Expect(page.GetByRole(AriaRole.Button)).ToBeVisibleAsync();
            found.AddRange(await ViolationsAsync(page, $"{action} page"));
        }

        // The same form after a refused post: errors at the top and beside their fields.
        // A date in the past passes the browser's own check and is refused by the server.
        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.FollowUp).AbsoluteUri);
        await page.GetByLabel("When will the next update or the resolution come?").FillAsync("2000-01-01");
        await page.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        found.AddRange(await ViolationsAsync(page, "follow-up page with errors"));

        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.View).AbsoluteUri);
        found.AddRange(await ViolationsAsync(page, "page a View link opens"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Who opened this case");
        found.AddRange(await ViolationsAsync(page, "case page"));

        // Kim reaches the open-cases page from the committee's mail, sent once the case is listed.
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal));
        await page.GotoAsync(host.Links().CreateOpenCases("kim").AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(receipt.Reference);
        found.AddRange(await ViolationsAsync(page, "open-cases page"));

        await page.GotoAsync(host.Links().Create(receipt.Reference, "kim", CaseAction.Acknowledge).AbsoluteUri + "x");
        found.AddRange(await ViolationsAsync(page, "refused link page"));

        Assert.Empty(found);
    }

    async Task ActAsync(string reference, string member, CaseAction action, params (string Name, string Value)[] fields)
    {
        var link = host.Links().Create(reference, member, action);
        var form = fields.ToDictionary(f => f.Name, f => f.Value);
        form["token"] = MailLinks.Token(link);
        var response = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(form));
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode}");
    }

    async Task<string[]> ViolationsAsync(IPage page, string state)
    {
        await page.AddScriptTagAsync(new() { Path = Axe });
        var violations = await page.EvaluateAsync<string[]>(RunAxe);
        output.WriteLine($"axe on the {state}: {(violations.Length == 0 ? "no violations" : string.Join("; ", violations))}");
        return [.. violations.Select(v => state + ": " + v)];
    }

    [GeneratedRegex("COC-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex CodePattern();
}
