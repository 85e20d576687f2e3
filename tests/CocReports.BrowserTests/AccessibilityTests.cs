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
    [Fact]
    public async Task Axe_finds_no_violations_on_the_empty_form_the_form_with_errors_or_the_confirmation()
    {
        await using var context = await host.NewContextAsync(new() { BypassCSP = true });
        var form = await ReportForm.OpenAsync(context, host.BaseUrl);
        await form.WaitForApiDataAsync();

        var empty = await Axe.ViolationsAsync(form.Page, "empty form", output);

        await form.SendButton.ClickAsync();
        await Expect(form.Summary).ToBeVisibleAsync();
        var errors = await Axe.ViolationsAsync(form.Page, "form with errors", output);

        await form.FillAnonymousAsync("Repeated unwanted private messages after the meetup.");
        await form.SendAsync();
        var confirmation = await Axe.ViolationsAsync(form.Page, "confirmation", output);

        Assert.Empty(empty);
        Assert.Empty(errors);
        Assert.Empty(confirmation);
    }
}
