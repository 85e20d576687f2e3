using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// axe-core on the product's own page (index.html), with the shadow root opened by the init script so axe can
/// walk into the form. The page's Content Security Policy would refuse axe's injected script, so these contexts
/// bypass it; nothing else about the page changes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture host, ITestOutputHelper output)
{
    const string RunAxe = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
          .map(v => v.id + ': ' + v.nodes.length + ' (' + v.help + ': ' + v.nodes.map(n => n.target.join(' > ')).join(', ') + ')')
        """;

    [Fact]
    public async Task Axe_finds_no_violations_on_the_empty_form_the_form_with_errors_or_the_confirmation()
    {
        var axe = Path.Combine(BrowserFixture.RepositoryRoot, "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"{axe} is missing: run `npm ci` in the repository root.");
        await using var context = await host.NewContextAsync(new() { BypassCSP = true });
        var form = await ReportForm.OpenAsync(context, host.BaseUrl);
        await form.WaitForApiDataAsync();
        await form.Page.AddScriptTagAsync(new() { Path = axe });

        var empty = await ViolationsAsync(form, "empty form");

        await form.SendButton.ClickAsync();
        await Expect(form.Summary).ToBeVisibleAsync();
        var errors = await ViolationsAsync(form, "form with errors");

        await form.FillAnonymousAsync("Repeated unwanted private messages after the meetup.");
        await form.SendAsync();
        var confirmation = await ViolationsAsync(form, "confirmation");

        Assert.Empty(empty);
        Assert.Empty(errors);
        Assert.Empty(confirmation);
    }

    async Task<string[]> ViolationsAsync(ReportForm form, string state)
    {
        var violations = await form.Page.EvaluateAsync<string[]>(RunAxe);
        output.WriteLine($"axe on the {state}: {(violations.Length == 0 ? "no violations" : string.Join("; ", violations))}");
        return violations;
    }
}
