using CocReports.Procedure.Links;
using CocReports.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>The case page in Chromium, under its own Content-Security-Policy: pictures show, and a member acts there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CasePageTests(BrowserFixture host)
{
    [Fact]
    public async Task A_member_sees_the_picture_adds_a_note_and_comes_back_to_the_case_where_the_note_is()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("IMG_2041.jpg", "image/jpeg", Photos.GeotaggedJpeg())));
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(host.Links().Create(receipt.Reference, "sam", CaseAction.View).AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Declaration.NoConflictAsync(page);
        var picture = page.GetByRole(AriaRole.Img, new() { Name = "evidence-1.jpg, a picture the reporter sent" });
        await Expect(picture).ToBeVisibleAsync();
        await Expect(picture).ToHaveJSPropertyAsync("naturalWidth", 8); // decoded, so the page's img-src allowed it

        await page.GetByLabel("Your note").FillAsync("Ask Dana, who was in the call, before we decide.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("The note is added to the case.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the case" }).ClickAsync();
        await Expect(page.Locator("dl", new() { HasText = "Sam Okafor" })).ToContainTextAsync("Ask Dana, who was in the call, before we decide.");
    }
}
