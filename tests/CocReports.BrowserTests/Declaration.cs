using Microsoft.Playwright;

namespace CocReports.BrowserTests;

/// <summary>The declaration the case page asks for the first time a member opens a report, made as a member does it.</summary>
public static class Declaration
{
    /// <summary>On the declaration page: no conflict, then on to the report.</summary>
    public static async Task NoConflictAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = "No conflict" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Read the report" }).ClickAsync();
    }
}
