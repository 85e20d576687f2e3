using System.Diagnostics;

namespace CocReports.Testing;

/// <summary>
/// An Azurite of a test's own, on free loopback ports with its data in a temporary folder, that the test can stop and
/// start again as a storage outage would: data (queue messages included) survives the restart.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    readonly string location = Directory.CreateTempSubdirectory("coc-azurite-").FullName;
    readonly int blob = LoopbackPorts.Free();
    readonly int queue = LoopbackPorts.Free();
    readonly int table = LoopbackPorts.Free();
    Process? process;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", $"{blob}", "--queuePort", $"{queue}", "--tablePort", $"{table}",
            "--location", location, "--disableTelemetry", "--skipApiVersionCheck", "--silent",
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        foreach (var port in new[] { blob, queue, table })
        {
            await LoopbackPorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>
    /// Stops Azurite: from the app's side storage is unreachable, as in an outage. Asked to stop with SIGINT, because
    /// Azurite (unlike Azure Storage) keeps recent writes in memory and loses them when killed outright.
    /// </summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                interrupt.WaitForExit();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    static string Executable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("node_modules/.bin/azurite not found: run the tests with ./test.sh, which installs it.");
    }
}
