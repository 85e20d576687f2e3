using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CocReports.Infra.Tests;

/// <summary>
/// The template measures the link signing key and the record key the way the app will read them
/// (Convert.FromBase64String, at least 32 bytes) and the Key Vault module refuses a shorter or malformed key, so a bad
/// key stops the deployment instead of the app. The measuring function runs here on the ARM expression engine that <c>bicep build-params</c> uses.
/// </summary>
public sealed class LinkSigningKeyFormTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>, IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("coc-keyform-").FullName;

    [Fact]
    public void A_key_azd_generates_decodes_to_48_bytes()
    {
        var generated = new string(RandomNumberGenerator.GetItems<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 64));

        Assert.Equal([48], Measure(generated));
        Assert.Equal(48, Convert.FromBase64String(generated).Length);
    }

    [Fact]
    public void The_template_counts_the_bytes_of_any_base64_key_as_the_app_does()
    {
        var keys = new[] { 1, 2, 3, 31, 32, 33, 48, 64 }.Select(n => Convert.ToBase64String(RandomNumberGenerator.GetBytes(n))).ToArray();

        Assert.Equal(keys.Select(k => Convert.FromBase64String(k).Length), Measure(keys));
    }

    [Fact]
    public void Keys_the_app_cannot_decode_measure_zero()
    {
        string[] keys =
        [
            "",
            "not base64 at all, it has spaces and commas",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAA=AAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA====",
        ];

        Assert.All(keys.Skip(1), k => Assert.False(Convert.TryFromBase64String(k, new byte[k.Length], out _), k));
        Assert.All(Measure(keys), bytes => Assert.Equal(0, bytes));
    }

    [Fact]
    public void The_key_vault_module_refuses_keys_under_32_bytes()
    {
        var keyVault = Assert.Single(template.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == "keyvault");
        var parameters = keyVault["properties"]!["template"]!["parameters"]!;
        var passed = keyVault["properties"]!["parameters"]!;

        Assert.Equal(32, (int)parameters["linkSigningKeyBytes"]!["minValue"]!);
        Assert.Equal(32, (int)parameters["previousLinkSigningKeyBytes"]!["minValue"]!);
        Assert.Equal(32, (int)parameters["recordKeyBytes"]!["minValue"]!);
        Assert.Equal("[__bicep.base64KeyBytes(parameters('linkSigningKey'))]", (string?)passed["linkSigningKeyBytes"]!["value"]);
        Assert.Equal("[__bicep.base64KeyBytes(parameters('recordKey'))]", (string?)passed["recordKeyBytes"]!["value"]);
        Assert.Contains("__bicep.base64KeyBytes(parameters('previousLinkSigningKey'))", CompiledTemplate.Raw(passed["previousLinkSigningKeyBytes"]!), StringComparison.Ordinal);
    }

    /// <summary>Evaluates base64KeyBytes from infra/modules/keyform.bicep for each key with the Bicep CLI.</summary>
    List<int> Measure(params string[] keys)
    {
        var names = keys.Select((_, i) => $"k{i}").ToArray();
        File.WriteAllText(Path.Combine(folder, "probe.bicep"), string.Concat(names.Select(n => $"param {n} int\n")) + $"output count int = {names.Length}\n");
        var keyForm = Path.GetRelativePath(folder, Path.Combine(Bicep.RepoRoot, "infra", "modules", "keyform.bicep")).Replace('\\', '/');
        File.WriteAllText(Path.Combine(folder, "probe.bicepparam"),
            $"using 'probe.bicep'\nimport {{ base64KeyBytes }} from '{keyForm}'\n"
            + string.Concat(keys.Select((k, i) => $"param {names[i]} = base64KeyBytes('{k.Replace("'", "\\'", StringComparison.Ordinal)}')\n")));

        var evaluated = Path.Combine(folder, "probe.parameters.json");
        var (exitCode, output) = Bicep.Run("build-params", "--no-restore", Path.Combine(folder, "probe.bicepparam"), "--outfile", evaluated);
        Assert.True(exitCode == 0, output);
        var parameters = JsonNode.Parse(File.ReadAllText(evaluated))!["parameters"]!;
        return names.Select(n => (int)parameters[n]!["value"]!).ToList();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
