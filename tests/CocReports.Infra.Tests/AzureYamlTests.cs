using System.Diagnostics;
using System.Text.Json;

namespace CocReports.Infra.Tests;

/// <summary>
/// <c>azd up</c> deploys both the API and the form: azure.yaml names the form as a Static Web App service whose hook
/// prepares the pages for the deployed API before azd uploads them.
/// Schema: https://learn.microsoft.com/azure/developer/azure-developer-cli/azd-schema
/// </summary>
public sealed class AzureYamlTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    static readonly string[] Yaml = File.ReadAllLines(Path.Combine(Bicep.RepoRoot, "azure.yaml"));

    [Fact]
    public void The_form_is_a_service_hosted_on_the_static_web_app()
    {
        var web = Section(Yaml, "services", "web").Select(l => l.Trim()).ToArray();

        Assert.Contains("project: static-form", web);
        Assert.Contains("host: staticwebapp", web);
        Assert.Contains("dist: ../.artifacts/form", web);
        // azd finds the resource of a service by its azd-service-name tag.
        var site = template.OnlyResource("Microsoft.Web/staticSites");
        Assert.Contains("'azd-service-name', 'web'", (string?)site["tags"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_hook_reads_only_outputs_the_template_provides()
    {
        var run = HookCommand();

        Assert.Contains("../scripts/prepare-form.sh \"$API_URL\" ../.artifacts/form $FORM_FRAME_ANCESTORS", run, StringComparison.Ordinal);
        Assert.NotNull(template.Json["outputs"]!["API_URL"]);
        Assert.NotNull(template.Json["outputs"]!["FORM_FRAME_ANCESTORS"]);
    }

    [Fact]
    public void The_hook_prepares_pages_that_reach_the_deployed_api_and_may_be_framed_by_the_embedding_sites()
    {
        var output = Path.Combine(Bicep.RepoRoot, ".artifacts", "form");
        var start = new ProcessStartInfo("sh", ["-c", HookCommand()])
        {
            WorkingDirectory = Path.Combine(Bicep.RepoRoot, "static-form"),
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["API_URL"] = "https://func-coc-hook.azurewebsites.net";
        start.Environment["FORM_FRAME_ANCESTORS"] = "https://www.example.org https://events.example.org";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("https://func-coc-hook.azurewebsites.net/api", File.ReadAllText(Path.Combine(output, "embed.html")), StringComparison.Ordinal);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "staticwebapp.config.json")));
        var embed = config.RootElement.GetProperty("routes").EnumerateArray().First(r => r.GetProperty("route").GetString() == "/embed.html");
        Assert.EndsWith("frame-ancestors https://www.example.org https://events.example.org",
            embed.GetProperty("headers").GetProperty("Content-Security-Policy").GetString(), StringComparison.Ordinal);
    }

    static string HookCommand()
    {
        var posix = Section(Yaml, "services", "web", "hooks", "predeploy", "posix");
        var run = Assert.Single(posix, l => l.TrimStart().StartsWith("run:", StringComparison.Ordinal));
        return run.TrimStart()["run:".Length..].Trim();
    }

    /// <summary>The lines nested under <paramref name="path"/>, by indentation (enough YAML for this file).</summary>
    static string[] Section(string[] lines, params string[] path)
    {
        foreach (var key in path)
        {
            var at = Array.FindIndex(lines, l => l.Trim() == key + ":" && !l.TrimStart().StartsWith('#'));
            Assert.True(at >= 0, $"azure.yaml has no '{key}:' here.");
            var indent = Indent(lines[at]);
            lines = lines.Skip(at + 1).TakeWhile(l => l.Trim().Length == 0 || Indent(l) > indent).ToArray();
        }
        return lines;
    }

    static int Indent(string line) => line.Length - line.TrimStart().Length;
}
