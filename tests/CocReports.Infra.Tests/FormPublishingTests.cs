using System.Diagnostics;
using System.Text.Json;

namespace CocReports.Infra.Tests;

/// <summary>
/// The form is hosted on its own origin in Azure (the Static Web App), so scripts/prepare-form.sh points its pages at
/// the API's full URL and limits the hosting's security headers to exactly that origin.
/// </summary>
public sealed class FormPublishingTests : IDisposable
{
    const string ApiUrl = "https://func-coc-abc.azurewebsites.net";

    readonly string output = Path.Combine(Path.GetTempPath(), "coc-form-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Prepared_pages_reach_the_api_by_its_full_url_with_and_without_javascript()
    {
        Prepare(ApiUrl);

        var index = File.ReadAllText(Path.Combine(output, "index.html"));
        var embed = File.ReadAllText(Path.Combine(output, "embed.html"));

        Assert.Contains($"<meta name=\"coc-api\" content=\"{ApiUrl}/api\">", index, StringComparison.Ordinal);
        Assert.Contains($"url={ApiUrl}/api/report-form", index, StringComparison.Ordinal);
        Assert.Contains($"<meta name=\"coc-api\" content=\"{ApiUrl}/api\">", embed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/api", index + embed, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "coc-report-form.js")));
    }

    [Fact]
    public void Prepared_hosting_headers_allow_only_the_api_origin_and_keep_the_page_private()
    {
        Prepare(ApiUrl + "/");

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "staticwebapp.config.json")));
        var headers = config.RootElement.GetProperty("globalHeaders");
        var csp = headers.GetProperty("Content-Security-Policy").GetString()!;

        Assert.Contains($"connect-src 'self' {ApiUrl};", csp, StringComparison.Ordinal);
        Assert.Contains($"form-action 'self' {ApiUrl};", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("__API_ORIGIN__", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", headers.GetProperty("Referrer-Policy").GetString());
        Assert.Equal("no-store", headers.GetProperty("Cache-Control").GetString());
    }

    [Fact]
    public void An_api_url_that_is_not_https_is_refused()
    {
        Assert.NotEqual(0, Prepare("http://func-coc-abc.azurewebsites.net", expectSuccess: false));
    }

    int Prepare(string apiUrl, bool expectSuccess = true)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(Bicep.RepoRoot, "scripts", "prepare-form.sh"));
        start.ArgumentList.Add(apiUrl);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (expectSuccess)
        {
            Assert.True(process.ExitCode == 0, error);
        }

        return process.ExitCode;
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
