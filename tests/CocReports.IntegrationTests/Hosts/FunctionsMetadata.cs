using System.Text.Json;

namespace CocReports.IntegrationTests;

/// <summary>
/// What the Functions app declares to the Functions host: the functions.metadata its build generates, one entry per
/// function with the method it runs and its trigger (route, methods, authLevel, schedule).
/// </summary>
public static class FunctionsMetadata
{
    public static List<DeclaredFunction> Read()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CocFunctions.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("CocFunctions.sln not found above the test output.");
        }

        var path = Path.Combine(root, "functions", "CocReports.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"Build the Functions app first: {path} is missing.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => new DeclaredFunction(
            f.GetProperty("name").GetString()!,
            f.GetProperty("entryPoint").GetString()!,
            f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("direction").GetString() == "In")
                .Select(b => new Trigger(
                    b.GetProperty("type").GetString()!,
                    Text(b, "route"),
                    b.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToArray() : [],
                    Text(b, "authLevel"),
                    Text(b, "schedule")))
                .ToList())).ToList();
    }

    static string? Text(JsonElement binding, string name) => binding.TryGetProperty(name, out var value) ? value.GetString() : null;
}

public sealed record DeclaredFunction(string Name, string EntryPoint, List<Trigger> Triggers)
{
    /// <summary>The function's trigger (its other inputs, such as the durable client, are bindings too).</summary>
    public Trigger? TriggerOf(string type) => Triggers.SingleOrDefault(t => t.Type == type);
}

public sealed record Trigger(string Type, string? Route, string[] Methods, string? AuthLevel, string? Schedule);
