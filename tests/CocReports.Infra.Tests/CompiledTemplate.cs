using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CocReports.Infra.Tests;

/// <summary>Builds infra/main.bicep once per test run into a temporary folder and exposes the ARM JSON.</summary>
public sealed class CompiledTemplate : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coc-bicep-").FullName;

    public CompiledTemplate()
    {
        var outFile = Path.Combine(_folder, "azuredeploy.json");
        (BuildExitCode, BuildOutput) = Bicep.Run("build", "--no-restore", Bicep.MainTemplate, "--outfile", outFile);
        if (BuildExitCode == 0)
        {
            Text = File.ReadAllText(outFile);
            Json = JsonNode.Parse(Text)!;
        }
    }

    public int BuildExitCode { get; }

    public string BuildOutput { get; }

    public string Text { get; } = "";

    public JsonNode Json { get; } = new JsonObject();

    /// <summary>Every resource in the template and in its nested module deployments, whatever the language version.</summary>
    public IReadOnlyList<JsonObject> Resources(string type) =>
        Descendants(Json)
            .OfType<JsonObject>()
            .Where(o => o["apiVersion"] is not null
                && string.Equals((string?)o["type"], type, StringComparison.OrdinalIgnoreCase))
            .ToList();

    public JsonObject OnlyResource(string type) => Assert.Single(Resources(type));

    public static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        if (node is null)
            yield break;
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
            foreach (var descendant in Descendants(child))
                yield return descendant;
    }

    /// <summary>The JSON of one node as the template file spells it (no \u0027 escapes), for substring checks.</summary>
    public static string Raw(JsonNode node) => node.ToJsonString(RawOptions);

    static readonly JsonSerializerOptions RawOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
