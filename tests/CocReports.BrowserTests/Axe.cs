using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CocReports.BrowserTests;

/// <summary>axe-core on a page as a test sees it: each violation named by its rule, how many nodes, and which.</summary>
public static class Axe
{
    const string Run = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
          .map(v => v.id + ': ' + v.nodes.length + ' (' + v.help + ': ' + v.nodes.map(n => n.target.join(' > ')).join(', ') + ')')
        """;

    static readonly string Script = Path.Combine(BrowserFixture.RepositoryRoot, "node_modules", "axe-core", "axe.min.js");

    /// <summary>
    /// The page's violations, each prefixed with <paramref name="state"/>, and written to the test's output. axe is
    /// injected when the page has not loaded it yet (a page's Content-Security-Policy must be bypassed for that).
    /// </summary>
    public static async Task<string[]> ViolationsAsync(IPage page, string state, ITestOutputHelper output)
    {
        if (await page.EvaluateAsync<bool>("() => typeof axe === 'undefined'"))
        {
            Assert.True(File.Exists(Script), $"{Script} is missing: run `npm ci` in the repository root.");
            await page.AddScriptTagAsync(new() { Path = Script });
        }

        var violations = await page.EvaluateAsync<string[]>(Run);
        output.WriteLine($"axe on the {state}: {(violations.Length == 0 ? "no violations" : string.Join("; ", violations))}");
        return [.. violations.Select(v => state + ": " + v)];
    }
}
