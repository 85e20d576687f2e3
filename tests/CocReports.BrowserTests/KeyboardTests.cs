using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture host)
{
    // The visible controls in document order; a group of radios is one tab stop, entered at its first option.
    static readonly string[] TabOrder =
    [
        "f-description", "f-occurredAt", "f-location", "f-isOngoing-yes", "f-setting-physical", "f-circumstances",
        "f-reportedPerson", "f-othersInvolved", "f-evidence", "f-safetyConcerns", "f-feelsUnsafe",
        "f-excludedMembers-0", "f-excludedMembers-1", "f-excludedMembers-2", "f-contactChoice-contact", "button:Send report",
    ];

    [Fact]
    public async Task Tab_reaches_every_control_in_order_the_file_picker_opens_from_the_keyboard_and_arrows_choose_anonymity()
    {
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.BaseUrl);
        await form.WaitForApiDataAsync();

        // The chooser is listened for before any key is pressed: waiting for it only around the key press raced
        // Chromium being told to intercept choosers, and the picker then opened unseen (the test failed twice so).
        var chosen = new TaskCompletionSource<IFileChooser>(TaskCreationOptions.RunContinuationsAsynchronously);
        form.Page.FileChooser += (_, opened) => chosen.TrySetResult(opened);
        await form.Page.EvaluateAsync("() => true"); // a round trip, so the interception is in place

        var reached = new List<string?>();
        IFileChooser? chooser = null;
        for (var i = 0; i < TabOrder.Length; i++)
        {
            await form.Page.Keyboard.PressAsync("Tab");
            var focused = await form.FocusedAsync();
            reached.Add(focused);
            if (focused == "f-evidence")
            {
                await form.Page.Keyboard.PressAsync("Space");
                chooser = await chosen.Task.WaitAsync(TimeSpan.FromSeconds(15));
            }
        }

        Assert.Equal(TabOrder, reached);
        await form.Page.Keyboard.PressAsync("Tab");
        Assert.Null(await form.FocusedAsync());

        Assert.NotNull(chooser);
        Assert.True(chooser.IsMultiple);
        await chooser.SetFilesAsync(new FilePayload { Name = "log.txt", MimeType = "text/plain", Buffer = "12:01 <loud> ...\n"u8.ToArray() });
        await Expect(form.Frame.Locator(".files .file-name")).ToHaveTextAsync(["log.txt"]);

        // Back to the contact question: Space picks the focused option, the arrow keys move between them.
        await form.Page.Keyboard.PressAsync("Shift+Tab");
        await form.Page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("f-contactChoice-contact", await form.FocusedAsync());
        await form.Page.Keyboard.PressAsync("Space");
        await Expect(form.Control("contactChoice-contact")).ToBeCheckedAsync();
        await Expect(form.Control("contactEmail")).ToBeVisibleAsync();
        await form.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(form.Control("contactChoice-anonymous")).ToBeCheckedAsync();
        Assert.Equal("f-contactChoice-anonymous", await form.FocusedAsync());
        await Expect(form.Control("contactEmail")).ToBeHiddenAsync();
        await Expect(form.Frame.GetByText("What you give up")).ToBeVisibleAsync();
    }
}
