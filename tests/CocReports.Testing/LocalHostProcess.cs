using System.Diagnostics;
using System.Net;

namespace CocReports.Testing;

/// <summary>
/// The built local host run as a process of its own, so a test can kill it outright (SIGKILL: no cleanup, no
/// graceful stop) in the middle of a request, as a crash or a scale-in would, then start it again on the same storage.
/// </summary>
public sealed class LocalHostProcess(IReadOnlyDictionary<string, string?> settings) : IDisposable
{
    readonly int port = LoopbackPorts.Free();
    Process? process;

    public Uri BaseUrl => new($"http://127.0.0.1:{port}");

    public async Task StartAsync()
    {
        var root = Repository.Root;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(root, "functions", "CocReports.LocalHost", "bin", configuration, "net10.0", "CocReports.LocalHost.dll"),
            "--contentRoot", Path.Combine(root, "functions", "CocReports.LocalHost"),
            "--urls", BaseUrl.AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("The local host did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUrl };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, "The local host exited while starting.");
            try
            {
                if ((await http.GetAsync("/api/committee")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "The local host did not answer within 60 s.");
            await Task.Delay(200);
        }
    }

    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose() => Kill();

}
