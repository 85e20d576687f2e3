using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// scripts/smoke-test.sh, the deployer's check, run as a deployer would run it (bash and curl) against the local
/// host configured for one embedding site.
/// </summary>
public sealed partial class SmokeTestTests(SmokeTestTests.EmbeddedHost host) : IClassFixture<SmokeTestTests.EmbeddedHost>
{
    public sealed class EmbeddedHost : LocalHostFixture
    {
        public const string Site = "https://community.test";

        protected override void Configure(IDictionary<string, string?> settings) =>
            settings["Form:AllowedOrigins:0"] = Site;
    }

    [Fact]
    public async Task The_smoke_test_passes_against_a_host_that_allows_the_embedding_site()
    {
        var run = await RunAsync(host.BaseUrl.AbsoluteUri, EmbeddedHost.Site);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.DoesNotContain("FAIL", run.Output, StringComparison.Ordinal);
        // Every check ran: page and headers, config, committee, and both preflights.
        Assert.Contains("ok    form page: Content-Security-Policy", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok    committee: the list contains no email address", run.Output, StringComparison.Ordinal);
        Assert.Contains($"ok    CORS: the preflight of POST /api/reports from {EmbeddedHost.Site} is allowed", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok    CORS: the Idempotency-Key header may be sent", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok    CORS: the preflight from another site", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_smoke_test_fails_when_the_embedding_site_is_not_one_the_host_allows()
    {
        // The deployer's mistake the check exists for: the community's site left out of the allowed origins.
        var run = await RunAsync(host.BaseUrl.AbsoluteUri, "https://forgotten-site.test");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("FAIL  CORS: the preflight from https://forgotten-site.test was not allowed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_smoke_test_fails_when_nothing_answers_at_the_address()
    {
        var run = await RunAsync("http://127.0.0.1:9", EmbeddedHost.Site);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("FAIL  form page", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filing_a_test_report_stores_one_marked_as_a_test_and_the_committee_hears_of_it()
    {
        var run = await RunAsync("--file-test-report", host.BaseUrl.AbsoluteUri, EmbeddedHost.Site);

        Assert.True(run.ExitCode == 0, run.Output);
        var reference = FiledReference().Match(run.Output).Groups["reference"].Value;
        Assert.NotEmpty(reference);
        var row = (await host.Reports.GetEntityAsync<TableEntity>(reference, "report")).Value;
        Assert.StartsWith("SMOKE TEST", row.GetString("Description"), StringComparison.Ordinal);
        await host.Inbox.WaitForAsync(m => m.Subject.Contains(reference, StringComparison.Ordinal) && m.IsTo(LocalHostFixture.Members[0].Email));
    }

    static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "smoke-test.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CocFunctions.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        return root;
    }

    [GeneratedRegex(@"test report: filed as (?<reference>COC-[0-9A-Z]{4}-[0-9A-Z]{4})")]
    private static partial Regex FiledReference();
}
