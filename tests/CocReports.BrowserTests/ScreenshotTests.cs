using Microsoft.Playwright;

namespace CocReports.BrowserTests;

/// <summary>Pictures of the form for reviewers, kept under .artifacts/screenshots/ in the repository.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture host)
{
    [Fact]
    public async Task Screenshots_of_the_filled_form_and_the_confirmation_are_written_as_artifacts()
    {
        var folder = Directory.CreateDirectory(Path.Combine(BrowserFixture.RepositoryRoot, ".artifacts", "screenshots")).FullName;
        var filled = Path.Combine(folder, "filled-form.png");
        var confirmation = Path.Combine(folder, "confirmation.png");
        File.Delete(filled);
        File.Delete(confirmation);

        await using var context = await host.NewContextAsync(new() { ViewportSize = new() { Width = 900, Height = 1000 } });
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.ComponentPage);
        await form.WaitForApiDataAsync();
        await form.Control("description").FillAsync("During the sprint, a contributor kept commenting on my appearance.");
        await form.Control("occurredAt").FillAsync("Last Thursday, around 15:00");
        await form.Control("setting-online").CheckAsync();
        await form.Control("onlineSpace").FillAsync("The project's chat, #sprint channel");
        await form.Control("conversationLink").FillAsync("https://chat.example.org/sprint/123");
        await form.Control("evidence").SetInputFilesAsync(new FilePayload { Name = "chat.png", MimeType = "image/png", Buffer = Testing.Submissions.Png(2_000) });
        await form.Control("contactChoice-anonymous").CheckAsync();
        await form.Page.ScreenshotAsync(new() { Path = filled, FullPage = true });

        await form.SendAsync();
        await form.Page.ScreenshotAsync(new() { Path = confirmation, FullPage = true });

        Assert.True(new FileInfo(filled).Length > 0);
        Assert.True(new FileInfo(confirmation).Length > 0);
    }
}
