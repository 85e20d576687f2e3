using System.Diagnostics;

namespace CocReports.Infra.Tests;

/// <summary>Runs the Bicep CLI fetched from NuGet. Never restores modules: no registry is reachable here.</summary>
internal static class Bicep
{
    public const string Version = "0.49.2";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string MainTemplate => Path.Combine(RepoRoot, "infra", "main.bicep");

    public static string CommittedArmTemplate => Path.Combine(RepoRoot, "infra", "azuredeploy.json");

    public static string Executable { get; } = Locate();

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Bicep's telemetry would try the network; it is not needed to build.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish within 60 s.");
        }
        return (process.ExitCode, (stdout.Result + stderr.Result).Trim());
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Checked(fromEnvironment);

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Checked(Path.Combine(packages, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep"));

        static string Checked(string path)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"Bicep CLI not found; restore tests/tools/bicep or set BICEP_PATH.", path);
            // NuGet drops the execute bit of files inside packages.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
            return path;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "infra", "main.bicep")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("No infra/main.bicep above the test output folder.");
    }
}
