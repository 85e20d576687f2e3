using System.Diagnostics;

namespace CocReports.Testing;

/// <summary>
/// An smtp4dev of a test's own, on free loopback ports, that the test can stop and start again as a mail server outage
/// would: while it is stopped every connection is refused, as from a server that is down. It keeps no messages across
/// a restart (test.sh's runs in memory too), so a test reads only what arrived after the last start.
/// </summary>
public sealed class Smtp4devProcess : IDisposable
{
    readonly string location = Directory.CreateTempSubdirectory("coc-smtp4dev-").FullName;
    readonly int web = LoopbackPorts.Free();
    Process? process;

    public int SmtpPort { get; } = LoopbackPorts.Free();

    public Uri Url => new($"http://127.0.0.1:{web}");

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // From the checkout, so `dotnet smtp4dev` runs the version dotnet-tools.json names and test.sh restored.
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "smtp4dev", "--messagestokeep=100000", $"--urls={Url}", $"--smtpport={SmtpPort}", "--imapport=", "--pop3port=", "--db=",
            "--bindaddress=127.0.0.1", "--disableipv6", "--nousersettings", $"--baseappdatapath={location}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start.");

        // Its output is not read; drained so a full pipe can't stall it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await LoopbackPorts.WaitUntilListeningAsync(web, TimeSpan.FromSeconds(60));
        await LoopbackPorts.WaitUntilListeningAsync(SmtpPort, TimeSpan.FromSeconds(60));
    }

    /// <summary>Stops the server: from the app's side every SMTP connection is refused until <see cref="StartAsync"/>.</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
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
}
