using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>The <c>&lt;coc-report-form&gt;</c> as a test drives it: its controls by id, inside a page or a frame.</summary>
public sealed partial class ReportForm(IPage page, IFrame frame)
{
    /// <summary>
    /// The form's shadow root is closed so host-page scripts can't read it; tests open it before any page script
    /// runs, as static-form/README.md describes. Playwright's locators and axe then see inside.
    /// </summary>
    public const string OpenShadowRoots = """
        (() => {
          const attach = Element.prototype.attachShadow;
          Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: 'open' }); };
        })();
        """;

    // The focused control, looking through shadow roots: its id, or its kind and accessible text.
    const string FocusedScript = """
        () => {
          let el = document.activeElement;
          while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
          if (!el || el === document.body || el === document.documentElement) return null;
          return el.id || el.tagName.toLowerCase() + ':' + (el.getAttribute('aria-label') || el.textContent.trim());
        }
        """;

    public IPage Page => page;

    public IFrame Frame => frame;

    public static async Task<ReportForm> OpenAsync(IBrowserContext context, Uri url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.AbsoluteUri);
        var form = new ReportForm(page, page.MainFrame);
        await form.WaitUntilShownAsync();
        return form;
    }

    /// <summary>The form inside the page's only frame.</summary>
    public static async Task<ReportForm> InFrameAsync(IPage page)
    {
        var frame = await (await page.WaitForSelectorAsync("iframe"))!.ContentFrameAsync();
        var form = new ReportForm(page, frame!);
        await form.WaitUntilShownAsync();
        return form;
    }

    public ILocator Control(string name) => frame.Locator("#f-" + name);

    public ILocator Error(string name) => frame.Locator("#f-" + name + "-error");

    public ILocator Summary => frame.Locator(".summary");

    public ILocator Done => frame.Locator(".done");

    public ILocator SendButton => frame.GetByRole(AriaRole.Button, new() { Name = "Send report" });

    public Task WaitUntilShownAsync() => Expect(Control("description")).ToBeVisibleAsync();

    /// <summary>Waits for what the form loads from the API: the committee (for exclusions) and the limits.</summary>
    public async Task WaitForApiDataAsync()
    {
        await Expect(Control("excludedMembers-" + (Testing.LocalHostFixture.Members.Length - 1))).ToBeVisibleAsync();
        await Expect(frame.Locator("#f-evidence-limits")).ToContainTextAsync("each up to 1 MB");
    }

    public Task<string?> FocusedAsync() => frame.EvaluateAsync<string?>(FocusedScript);

    public async Task FillAnonymousAsync(string description)
    {
        await Control("description").FillAsync(description);
        await Control("contactChoice-anonymous").CheckAsync();
    }

    /// <summary>Sends the form and returns the reference and receipt code the confirmation shows.</summary>
    public async Task<(string Reference, string ReceiptCode)> SendAsync()
    {
        await SendButton.ClickAsync();
        await Expect(Done).ToBeVisibleAsync();
        var reference = (await frame.Locator("#done-reference").TextContentAsync())!.Trim();
        var receiptCode = (await frame.Locator("#done-receiptCode").TextContentAsync())!.Trim();
        Assert.Matches(ReferencePattern(), reference);
        Assert.False(string.IsNullOrWhiteSpace(receiptCode));
        return (reference, receiptCode);
    }

    [GeneratedRegex("^COC-[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    public static partial Regex ReferencePattern();
}
