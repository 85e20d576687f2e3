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
    public void Only_the_embedding_sites_may_frame_the_embeddable_page_and_nobody_frames_the_others()
    {
        Prepare(ApiUrl, "https://www.example.org", "https://events.example.org:8443/");

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "staticwebapp.config.json")));
        var global = config.RootElement.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString()!;
        var routes = config.RootElement.GetProperty("routes").EnumerateArray().ToList();

        Assert.EndsWith("frame-ancestors 'none'", global, StringComparison.Ordinal);
        Assert.Equal(["/embed.html", "/embed"], routes.Select(r => r.GetProperty("route").GetString()));
        Assert.All(routes, r =>
        {
            var csp = r.GetProperty("headers").GetProperty("Content-Security-Policy").GetString()!;
            // The route's policy replaces the global one, so it must keep everything else the global policy says.
            Assert.Equal(global.Replace("frame-ancestors 'none'", "frame-ancestors https://www.example.org https://events.example.org:8443", StringComparison.Ordinal), csp);
        });
    }

    [Fact]
    public void Without_embedding_sites_no_page_may_be_framed()
    {
        Prepare(ApiUrl);

        var config = File.ReadAllText(Path.Combine(output, "staticwebapp.config.json"));
        Assert.DoesNotContain("frame-ancestors http", config, StringComparison.Ordinal);
        Assert.Equal(3, config.Split("frame-ancestors 'none'").Length - 1);
    }

    [Fact]
    public void Browsers_are_told_to_keep_to_https()
    {
        Prepare(ApiUrl);

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "staticwebapp.config.json")));
        var hsts = config.RootElement.GetProperty("globalHeaders").GetProperty("Strict-Transport-Security").GetString()!;
        Assert.Matches(@"^max-age=\d{7,}$", hsts);
    }

    [Fact]
    public void No_hosting_config_sits_in_the_app_folder_where_the_static_web_apps_cli_would_take_it_from()
    {
        // azd runs `swa deploy --app-location <project> --output-location <dist>` (Azure/azure-dev
        // cli/azd/pkg/tools/swa/swa.go), and the CLI looks for the config in the app location first, through every
        // subfolder, before the output (Azure/static-web-apps-cli src/cli/commands/deploy/deploy.ts, "If config file
        // is not in output location"; findSWAConfigFile in src/core/utils/user-config.ts). A file there would win
        // over the prepared one, placeholder and all.
        var form = Path.Combine(Bicep.RepoRoot, "static-form");

        Assert.Empty(Directory.EnumerateFiles(form, "staticwebapp.config.json", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(form, "routes.json", SearchOption.AllDirectories));
    }

    [Fact]
    public void Only_the_form_s_pages_and_the_prepared_config_are_published()
    {
        Prepare(ApiUrl);

        var published = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            ["coc-report-form.css", "coc-report-form.js", "embed.html", "index.html", "staticwebapp.config.json", "strings/de.js", "strings/en.js"],
            published);
    }

    [Fact]
    public void An_empty_embedding_origin_is_skipped_as_the_windows_hook_passes_one_for_no_sites()
    {
        // PowerShell 7.3+ passes an empty string as an empty argument: `"" -split ' '` is one empty element.
        Prepare(ApiUrl, "");

        var config = File.ReadAllText(Path.Combine(output, "staticwebapp.config.json"));
        Assert.Equal(3, config.Split("frame-ancestors 'none'").Length - 1);
    }

    [Fact]
    public void The_form_is_prepared_with_posix_tools_alone_as_on_a_mac()
    {
        using var tools = new PortableTools();

        Assert.Equal(0, Run(ApiUrl, true, tools.PathVariable, ["https://www.example.org"]));

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "staticwebapp.config.json")));
        var embed = config.RootElement.GetProperty("routes")[0].GetProperty("headers").GetProperty("Content-Security-Policy").GetString()!;
        Assert.Contains($"connect-src 'self' {ApiUrl};", embed, StringComparison.Ordinal);
        Assert.EndsWith("frame-ancestors https://www.example.org", embed, StringComparison.Ordinal);
        Assert.Contains($"content=\"{ApiUrl}/api\"", File.ReadAllText(Path.Combine(output, "index.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://www.example.org/path")]
    [InlineData("http://www.example.org")]
    [InlineData("https://*.example.org")]
    public void An_embedding_origin_that_is_not_an_https_origin_is_refused(string origin)
    {
        Assert.NotEqual(0, Prepare(ApiUrl, expectSuccess: false, origin));
    }

    [Fact]
    public void An_api_url_that_is_not_https_is_refused()
    {
        Assert.NotEqual(0, Prepare("http://func-coc-abc.azurewebsites.net", expectSuccess: false));
    }

    int Prepare(string apiUrl, params string[] embeddingOrigins) => Run(apiUrl, true, null, embeddingOrigins);

    int Prepare(string apiUrl, bool expectSuccess, params string[] embeddingOrigins) => Run(apiUrl, expectSuccess, null, embeddingOrigins);

    int Run(string apiUrl, bool expectSuccess, string? path, string[] embeddingOrigins)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        if (path is not null)
            start.Environment["PATH"] = path;
        start.ArgumentList.Add(Path.Combine(Bicep.RepoRoot, "scripts", "prepare-form.sh"));
        start.ArgumentList.Add(apiUrl);
        start.ArgumentList.Add(output);
        foreach (var origin in embeddingOrigins)
            start.ArgumentList.Add(origin);
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
