using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ValidationTests(BrowserFixture host)
{
    [Fact]
    public async Task Missing_answers_and_a_too_large_file_are_explained_beside_the_fields_and_in_a_focused_summary_and_nothing_is_sent()
    {
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.ComponentPage);
        var posts = 0;
        form.Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/api/reports", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref posts);
            }
        };
        await form.WaitForApiDataAsync();

        await form.SendButton.ClickAsync();

        await Expect(form.Summary).ToBeVisibleAsync();
        Assert.Equal("summary", await form.Frame.EvaluateAsync<string>(
            "() => document.querySelector('coc-report-form').shadowRoot.activeElement?.className"));
        await Expect(form.Summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Describe what happened.", "Choose whether the committee may contact you."]);
        await Expect(form.Error("description")).ToContainTextAsync("Describe what happened.");
        await Expect(form.Control("description")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.Control("description")).ToHaveAttributeAsync("aria-describedby", "f-description-hint f-description-error");
        await Expect(form.Error("contactChoice")).ToContainTextAsync("Choose whether the committee may contact you.");
        await Expect(form.Control("contactChoice-anonymous")).ToHaveAttributeAsync("aria-invalid", "true");

        // The limit comes from the server's form-config (1 MB here, 25 MB by default), checked as the file is added.
        await form.Control("evidence").SetInputFilesAsync(new FilePayload
        {
            Name = "recording.png",
            MimeType = "image/png",
            Buffer = new byte[(1024 * 1024) + 1],
        });
        await Expect(form.Error("evidence")).ToContainTextAsync("recording.png can’t be added: it is 1 MB, and each file can be at most 1 MB.");
        await Expect(form.Control("evidence")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.Frame.Locator(".files .file")).ToHaveCountAsync(0);
        await Expect(form.Summary).ToBeVisibleAsync();

        // The summary's links lead to the fields.
        await form.Summary.GetByRole(AriaRole.Link, new() { Name = "Describe what happened." }).ClickAsync();
        Assert.Equal("f-description", await form.FocusedAsync());

        await form.SendButton.ClickAsync();
        await Expect(form.Summary).ToBeVisibleAsync();
        Assert.Equal("summary", await form.Frame.EvaluateAsync<string>(
            "() => document.querySelector('coc-report-form').shadowRoot.activeElement?.className"));
        await form.Page.WaitForTimeoutAsync(300);
        Assert.Equal(0, posts);
    }
}
