namespace CocReports.Infra.Tests;

/// <summary>
/// A PATH without GNU's text tools, so a script that leans on a GNU-only option fails here as it would on a deployer's
/// Mac: no sed at all (busybox's accepts GNU's -i, \n and \L, so it would not tell; macOS's differs on all three), and
/// the other POSIX tools from busybox when Debian's busybox is installed, else the system's. bash, node (the Static
/// Web Apps CLI's runtime) and curl stay.
/// </summary>
internal sealed class PortableTools : IDisposable
{
    static readonly string[] Posix = ["awk", "grep", "tr", "cut", "head", "tail", "mkdir", "cp", "rm", "cat", "dirname", "mktemp", "wc", "sh"];

    static readonly string[] Kept = ["bash", "node", "curl"];

    readonly string folder = Directory.CreateTempSubdirectory("coc-posix-").FullName;

    public PortableTools()
    {
        var busybox = Find("busybox");
        foreach (var tool in Posix)
        {
            var target = busybox ?? Find(tool);
            if (target is not null)
                File.CreateSymbolicLink(Path.Combine(folder, tool), target);
        }
        foreach (var tool in Kept)
            File.CreateSymbolicLink(Path.Combine(folder, tool), Find(tool) ?? throw new FileNotFoundException($"{tool} is not on PATH."));
    }

    public string PathVariable => folder;

    static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
