using CocReports.Procedure.Links;
using CocReports.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// axe-core on the committee's server pages in German, as <see cref="ServerPageAccessibilityTests"/> checks them in
/// English: the case page, action forms (with their errors), the passkey sign-in and the open-cases page of a member
/// who reads German (lang="de"); and the pages after the decision (appeal, public statement, consent) in both. The context bypasses the
/// pages' Content-Security-Policy only so axe can be injected.
/// </summary>
public sealed class GermanServerPageAccessibilityTests(GermanServerPageAccessibilityTests.Host host, ITestOutputHelper output)
    : IClassFixture<GermanServerPageAccessibilityTests.Host>
{
    /// <summary>The browser tests' host, with Alex reading the committee's pages in German.</summary>
    public sealed class Host : BrowserFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Committee:Members:0:Language"] = "de";

            // The pages that know no member yet (the passkey sign-in) speak the committee's language.
            settings["Committee:Language"] = "de";
        }
    }

    [Fact]
    public async Task Axe_finds_no_violations_on_the_german_case_page_and_open_cases_page()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("call.png", "image/png", Submissions.Png(3_000))));

        // Declared beforehand, so the View link opens the case itself; the case is listed once the committee is told.
        await Declarations.NoneAsync(host.Http, host.Links(), receipt.Reference, "alex");
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal));
        await using var context = await host.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var found = new List<string>();

        await page.GotoAsync(host.Links().Create(receipt.Reference, "alex", CaseAction.View).AbsoluteUri);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        found.AddRange(await Axe.ViolationsAsync(page, "German page a View link opens", output));
        await page.GetByRole(AriaRole.Button, new() { Name = "Öffnen", Exact = true }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Wer diesen Fall geöffnet hat");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        found.AddRange(await Axe.ViolationsAsync(page, "German case page", output));

        // The passkey script speaks the page's language: on this host's address (an IP, no secure context for a
        // passkey) the browser refuses the ceremony at once, and the script says so with the error's name filled in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey auf diesem Gerät hinzufügen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Ihr Passkey wurde nicht verwendet (SecurityError). Versuchen Sie es erneut oder verwenden Sie ein Gerät mit Ihrem Passkey.");

        // Action forms: the longest, and one answered with its errors; then the sign-in, which knows no member yet.
        await page.GotoAsync(host.Links().Create(receipt.Reference, "alex", CaseAction.InterimMeasure).AbsoluteUri);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Vorläufige Maßnahme zu Meldung {receipt.Reference} ergreifen");
        found.AddRange(await Axe.ViolationsAsync(page, "German interim measure form", output));
        await page.GotoAsync(host.Links().Create(receipt.Reference, "alex", CaseAction.Resolve).AbsoluteUri);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Meldung {receipt.Reference} abschließen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Meldung abschließen" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Es wurde nichts geändert. Bitte korrigieren Sie:");
        found.AddRange(await Axe.ViolationsAsync(page, "German resolve form with its errors", output));
        await page.GotoAsync(new Uri(host.BaseUrl, "/api/open-cases/sign-in").AbsoluteUri);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bei Ihren offenen Fällen anmelden");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        found.AddRange(await Axe.ViolationsAsync(page, "German passkey sign-in page", output));

        await page.GotoAsync(host.Links().CreateOpenCases("alex").AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Öffnen", Exact = true }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(receipt.Reference);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ihre offenen Fälle");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        found.AddRange(await Axe.ViolationsAsync(page, "German open-cases page", output));

        Assert.Empty(found);
    }

    [Fact]
    public async Task Axe_finds_no_violations_on_the_pages_after_the_decision_in_german_and_english()
    {
        await using var context = await host.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var found = new List<string>();
        foreach (var (language, heading, button, correct, done) in new[]
        {
            ("de", "Widerspruch gegen die Entscheidung zu", "Widerspruch senden", "Es wurde nichts geändert. Bitte korrigieren Sie:", "Ihr Widerspruch ist eingegangen."),
            ("en", "Appeal the decision on", "Send my appeal", "Nothing was changed. Please correct:", "Your appeal is received."),
        })
        {
            var fields = Submissions.Fields(Submissions.NewReporter());
            fields[Procedure.Intake.ReportFields.Language] = language;
            var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields))).Reference;
            await MemberActions.ActAsync(host, reference, "sam", CaseAction.Resolve, new() { ["violation"] = "no", ["incidentType"] = "Other", ["publicSummary"] = "A report was looked into." });

            await page.GotoAsync(host.Links().CreateAppeal(reference, ActionLinks.Reporter, DateTimeOffset.UtcNow.AddDays(1)).AbsoluteUri);
            await Expect(page.Locator("h1")).ToHaveTextAsync($"{heading} {reference}");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            found.AddRange(await Axe.ViolationsAsync(page, $"appeal form ({language})", output));
            // Sent without a ground (the browser itself asks for the text): the form comes back with its error.
            await page.GetByRole(AriaRole.Textbox).First.FillAsync("Two more people saw it.");
            await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(correct);
            found.AddRange(await Axe.ViolationsAsync(page, $"appeal form with its errors ({language})", output));
            await page.GetByRole(AriaRole.Radio).First.CheckAsync();
            await page.GetByRole(AriaRole.Textbox).First.FillAsync("Two more people saw it.");
            await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(done);
            found.AddRange(await Axe.ViolationsAsync(page, $"appeal received ({language})", output));

            // The public statement: drafted and published by a member in the committee's language (German on this
            // host), and the consent page the reporter reaches in hers.
            const string member = "alex";
            await Declarations.NoneAsync(host.Http, host.Links(), reference, member);
            await page.GotoAsync(host.Links().Create(reference, member, CaseAction.PublicStatement).AbsoluteUri);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
            found.AddRange(await Axe.ViolationsAsync(page, $"public statement form ({language})", output));
            await MemberActions.ActAsync(host, reference, member, CaseAction.PublicStatement, new() { ["named"] = "Rita reported it.", ["unnamed"] = "Someone reported it.", ["ask"] = ActionLinks.Reporter });
            await page.GotoAsync(host.Links().Create(reference, ActionLinks.Reporter, CaseAction.Consent).AbsoluteUri);
            await Expect(page.Locator("main")).ToContainTextAsync("Rita reported it.");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            found.AddRange(await Axe.ViolationsAsync(page, $"consent page ({language})", output));
            await page.GotoAsync(host.Links().Create(reference, member, CaseAction.PublishStatement).AbsoluteUri);
            await Expect(page.Locator("main")).ToContainTextAsync("Someone reported it.");
            found.AddRange(await Axe.ViolationsAsync(page, $"publish form ({language})", output));
        }

        Assert.Empty(found);
    }
}
