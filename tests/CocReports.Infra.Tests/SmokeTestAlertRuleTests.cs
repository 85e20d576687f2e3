using System.Diagnostics;

namespace CocReports.Infra.Tests;

/// <summary>
/// scripts/smoke-test.sh --resource-group checks, with the deployer's az login, that the five alert rules exist and are
/// enabled: Azure Monitor disables a rule whose query keeps failing. Azure is not reachable here, so a fake <c>az</c>
/// answers <c>az monitor scheduled-query list</c> (https://learn.microsoft.com/cli/azure/monitor/scheduled-query) in
/// one of the two shapes the script accepts.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SmokeTestAlertRuleTests : IDisposable
{
    static readonly string[] Rules = ["workflow-failed", "mail-failed", "mail-quarantined", "mail-not-delivered", "server-errors"];

    readonly string bin = Directory.CreateTempSubdirectory("coc-fake-az-").FullName;

    public SmokeTestAlertRuleTests()
    {
        var az = Path.Combine(bin, "az");
        File.WriteAllText(az, """
            #!/usr/bin/env bash
            # Answers the rule list as tab-separated rows: name, enabled (flattened), properties.enabled.
            case " $* " in
              *" monitor scheduled-query list "*"--resource-group rg-coc "*) printf '%b' "$FAKE_AZ_ROWS" ;;
              *) echo "unexpected az call: $*" >&2; exit 1 ;;
            esac
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void Enabled_rules_pass_in_either_output_shape()
    {
        var rows = string.Concat(Rules.Select((r, i) => i % 2 == 0 ? $"coc-abc-{r}\ttrue\tnull\\n" : $"coc-abc-{r}\tnull\ttrue\\n"));

        var output = RunSmokeTest(rows);

        Assert.All(Rules, r => Assert.Contains($"ok    alert rules: {r} exists and is enabled", output, StringComparison.Ordinal));
        Assert.DoesNotContain("FAIL  alert rules", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_or_missing_rule_fails()
    {
        var rows = "coc-abc-workflow-failed\tfalse\tnull\\ncoc-abc-mail-failed\ttrue\tnull\\n";

        var output = RunSmokeTest(rows);

        Assert.Contains("FAIL  alert rules: workflow-failed is disabled", output, StringComparison.Ordinal);
        Assert.Contains("ok    alert rules: mail-failed exists and is enabled", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  alert rules: no rule ending in -server-errors in rg-coc", output, StringComparison.Ordinal);
        // "mail-failed" must not be taken for the end of "mail-not-delivered" or the other way round.
        Assert.Contains("FAIL  alert rules: no rule ending in -mail-not-delivered in rg-coc", output, StringComparison.Ordinal);
    }

    [Fact]
    public void What_cannot_be_checked_from_outside_is_listed()
    {
        var output = RunSmokeTest("");

        Assert.Contains("left  that the committee's inbox received the test report", output, StringComparison.Ordinal);
    }

    string RunSmokeTest(string rows)
    {
        using var tools = new PortableTools();
        // Nothing listens on the discard port, so the API's checks fail at once and only the rules' lines are read.
        var start = new ProcessStartInfo("bash", [Path.Combine(Bicep.RepoRoot, "scripts", "smoke-test.sh"), "--resource-group", "rg-coc", "http://127.0.0.1:9"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PATH"] = tools.PathVariable + Path.PathSeparator + bin;
        start.Environment["FAKE_AZ_ROWS"] = rows;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "smoke-test.sh did not finish");
        return output.Result + error;
    }

    public void Dispose() => Directory.Delete(bin, recursive: true);
}
