using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CocReports.Infra.Tests;

/// <summary>
/// scripts/export-records.sh backs up a committee's records with the deployer's own Azure login. Azure is not reachable
/// here, so a fake <c>az</c> on PATH answers like the CLI (https://learn.microsoft.com/cli/azure/storage/entity#az-storage-entity-query,
/// https://learn.microsoft.com/cli/azure/storage/blob#az-storage-blob-download-batch) and records every call.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExportRecordsTests : IDisposable
{
    const string Account = "stcocrecabc123";

    readonly string root = Directory.CreateTempSubdirectory("coc-export-").FullName;

    string Calls => Path.Combine(root, "calls.log");

    string Output => Path.Combine(root, "export");

    public ExportRecordsTests()
    {
        var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        var az = Path.Combine(bin, "az");
        File.WriteAllText(az, """
            #!/usr/bin/env bash
            # Records its arguments, one call per line, and answers like the Azure CLI would.
            printf '%s\n' "$*" >> "$FAKE_AZ_CALLS"
            args=" $* "
            case "$args" in
              *" storage table list "*) printf 'CocReports\nCocTimeline\nCocAudit\n' ;;
              *" storage entity query "*"--table-name CocTimeline "*"--marker nextpartitionkey=r1 nextrowkey=2 "*)
                echo '{"items":[{"PartitionKey":"r1","RowKey":"2","Step":"Acknowledged"}],"nextMarker":{}}' ;;
              *" storage entity query "*"--table-name CocTimeline "*)
                echo '{"items":[{"PartitionKey":"r1","RowKey":"1","Step":"Received"}],"nextMarker":{"nextpartitionkey":"r1","nextrowkey":"2"}}' ;;
              *" storage entity query "*)
                echo '{"items":[{"PartitionKey":"r1","RowKey":"only"}],"nextMarker":null}' ;;
              *" storage blob download-batch "*)
                destination="$(printf '%s' "$args" | sed -E 's/.* --destination ([^ ]+) .*/\1/')"
                mkdir -p "$destination/r1" && printf 'evidence' > "$destination/r1/evidence-1.pdf" ;;
              *) echo "unexpected az call: $*" >&2; exit 1 ;;
            esac
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void Every_table_of_the_app_is_exported_across_pages_and_the_evidence_with_it()
    {
        var (exitCode, error) = Export();

        Assert.True(exitCode == 0, error);
        var timeline = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "tables", "CocTimeline.json")))!.AsArray();
        Assert.Equal(["Received", "Acknowledged"], timeline.Select(e => (string?)e!["Step"]).Order(StringComparer.Ordinal).Reverse());
        Assert.Single(JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "tables", "CocReports.json")))!.AsArray());
        Assert.Single(JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "tables", "CocAudit.json")))!.AsArray());
        Assert.Equal("evidence", File.ReadAllText(Path.Combine(Output, "evidence", "r1", "evidence-1.pdf")));
        Assert.Contains(File.ReadAllLines(Calls), c => c.Contains("storage table list", StringComparison.Ordinal) && c.Contains("starts_with(name, 'Coc')", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_call_uses_the_deployers_login_on_the_records_account_and_never_a_key()
    {
        var (exitCode, error) = Export();

        Assert.True(exitCode == 0, error);
        var calls = File.ReadAllLines(Calls);
        Assert.Equal(6, calls.Length);
        Assert.All(calls, c =>
        {
            Assert.Contains("--auth-mode login", c, StringComparison.Ordinal);
            Assert.Contains($"--account-name {Account}", c, StringComparison.Ordinal);
            Assert.DoesNotContain("--account-key", c, StringComparison.Ordinal);
            Assert.DoesNotContain("--connection-string", c, StringComparison.Ordinal);
            Assert.DoesNotContain("--sas-token", c, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_export_folder_is_readable_by_its_owner_only()
    {
        var (exitCode, error) = Export();

        Assert.True(exitCode == 0, error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Output));
    }

    [Fact]
    public void Without_the_records_account_nothing_is_called()
    {
        var (exitCode, _) = Export(account: "");

        Assert.NotEqual(0, exitCode);
        Assert.False(File.Exists(Calls));
    }

    (int ExitCode, string Error) Export(string account = Account)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(Bicep.RepoRoot, "scripts", "export-records.sh"));
        start.ArgumentList.Add(Output);
        // Only the fake az (and the system tools) on PATH: no real azd or az can be reached.
        start.Environment["PATH"] = $"{Path.Combine(root, "bin")}:/usr/bin:/bin";
        start.Environment["FAKE_AZ_CALLS"] = Calls;
        start.Environment["RECORDS_STORAGE_ACCOUNT"] = account;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Result);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
