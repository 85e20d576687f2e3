using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CocReports.Infra.Tests;

/// <summary>The deployable template: it compiles cleanly, is committed as built, and keeps its security promises.</summary>
public sealed partial class TemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    // What the Functions host and Durable Functions need on host storage, what the app needs on its records, and
    // what the Key Vault reference and telemetry need.
    private static readonly string[] RequiredRoles =
    [
        "Storage Blob Data Owner",
        "Storage Queue Data Contributor",
        "Storage Table Data Contributor",
        "Storage Blob Data Contributor",
        "Monitoring Metrics Publisher",
        "Key Vault Secrets User",
    ];

    [Fact]
    public void Template_builds_without_any_diagnostic()
    {
        Assert.True(template.BuildExitCode == 0, template.BuildOutput);
        Assert.Equal("", template.BuildOutput);
    }

    [Fact]
    public void Template_passes_lint_with_every_rule_raised_to_error()
    {
        var (exitCode, output) = Bicep.Run("lint", "--no-restore", Bicep.MainTemplate);

        Assert.True(exitCode == 0, output);
        Assert.Equal("", output);
    }

    [Fact]
    public void Committed_azuredeploy_json_is_the_current_build_of_main_bicep()
    {
        var committed = JsonNode.Parse(File.ReadAllText(Bicep.CommittedArmTemplate));

        Assert.True(
            JsonNode.DeepEquals(committed, template.Json),
            "infra/azuredeploy.json is stale: run scripts/bicep.sh build --no-restore infra/main.bicep --outfile infra/azuredeploy.json");
    }

    [Fact]
    public void Storage_accounts_refuse_shared_key_access()
    {
        var accounts = template.Resources("Microsoft.Storage/storageAccounts");

        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a => Assert.False((bool)Properties(a)["allowSharedKeyAccess"]!));
    }

    [Fact]
    public void Storage_accounts_refuse_public_blobs_plain_http_and_old_tls()
    {
        Assert.All(template.Resources("Microsoft.Storage/storageAccounts").Select(Properties), storage =>
        {
            Assert.False((bool)storage["allowBlobPublicAccess"]!);
            Assert.True((bool)storage["supportsHttpsTrafficOnly"]!);
            Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
        });
    }

    [Fact]
    public void Evidence_container_is_private()
    {
        var containers = template.Resources("Microsoft.Storage/storageAccounts/blobServices/containers");
        var evidence = Assert.Single(containers, c => ((string?)c["name"])?.Contains("parameters('evidenceContainerName')", StringComparison.Ordinal) == true);

        Assert.Equal("None", (string?)Properties(evidence)["publicAccess"]);
        Assert.All(containers, c => Assert.Equal("None", (string?)Properties(c)["publicAccess"]));
    }

    [Fact]
    public void Function_app_accepts_only_https()
    {
        var site = Properties(template.OnlyResource("Microsoft.Web/sites"));

        Assert.True((bool)site["httpsOnly"]!);
    }

    [Fact]
    public void Function_app_has_no_ftp_or_scm_basic_auth_publishing_credentials()
    {
        // https://learn.microsoft.com/azure/templates/microsoft.web/sites/basicpublishingcredentialspolicies
        var policies = template.Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(["ftp", "scm"], policies.Select(p => PolicyName().Match((string)p["name"]!).Groups["policy"].Value).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.False((bool)p["properties"]!["allow"]!));
    }

    [Theory]
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-keyvault-vaults-logs
    [InlineData("Microsoft.KeyVault/vaults", "AuditEvent")]
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-storage-storageaccounts-blobservices-logs
    [InlineData("Microsoft.Storage/storageAccounts/blobServices", "StorageRead")]
    // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-storage-storageaccounts-tableservices-logs
    [InlineData("Microsoft.Storage/storageAccounts/tableServices", "StorageRead")]
    public void Reads_of_keys_and_records_leave_an_audit_trail_in_the_workspace(string scopeType, string category)
    {
        var setting = Assert.Single(template.Resources("Microsoft.Insights/diagnosticSettings"), s => ((string?)s["scope"] ?? "").Contains($"'{scopeType}'", StringComparison.Ordinal));

        Assert.Contains(setting["properties"]!["logs"]!.AsArray(), l => (string?)l!["category"] == category && (bool)l["enabled"]!);
        Assert.Equal("[parameters('workspaceId')]", (string?)setting["properties"]!["workspaceId"]);
    }

    [Fact]
    public void Function_app_reaches_host_storage_with_its_managed_identity()
    {
        var settings = AppSettingsExpression();

        foreach (var key in new[]
        {
            "AzureWebJobsStorage__credential', 'managedidentity'",
            "AzureWebJobsStorage__clientId'",
            "AzureWebJobsStorage__blobServiceUri'",
            "AzureWebJobsStorage__queueServiceUri'",
            "AzureWebJobsStorage__tableServiceUri'",
        })
        {
            Assert.Contains($"'{key}", settings, StringComparison.Ordinal);
        }
        // A plain AzureWebJobsStorage setting would be a connection string.
        Assert.DoesNotContain("'AzureWebJobsStorage'", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void No_storage_key_or_connection_string_appears_anywhere()
    {
        Assert.DoesNotContain("AccountKey", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DefaultEndpointsProtocol", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Template_never_lists_keys()
    {
        Assert.DoesNotMatch(ListFunction(), template.Text);
    }

    [Fact]
    public void Outputs_carry_no_secret()
    {
        var topLevel = template.Json["outputs"]!.AsObject();
        var all = CompiledTemplate.Descendants(template.Json)
            .OfType<JsonObject>()
            .Where(o => o["outputs"] is JsonObject)
            .SelectMany(o => o["outputs"]!.AsObject())
            .ToList();

        // azd copies top-level outputs into a plain .env file.
        Assert.All(topLevel, output => Assert.DoesNotMatch(SecretLookingName(), output.Key));
        Assert.All(all, output =>
        {
            var type = (string?)output.Value!["type"];
            Assert.NotEqual("securestring", type, StringComparer.OrdinalIgnoreCase);
            Assert.NotEqual("secureobject", type, StringComparer.OrdinalIgnoreCase);
            var value = output.Value.ToJsonString();
            Assert.DoesNotContain("linkSigningKey", value, StringComparison.Ordinal);
            Assert.DoesNotContain("parameters('recordKey')", value, StringComparison.Ordinal);
            Assert.DoesNotMatch(ListFunction(), value);
        });
    }

    [Theory]
    [InlineData("linkSigningKey", "Links__SigningKey", "link-signing-key")]
    [InlineData("recordKey", "Links__RecordKey", "record-key")]
    public void A_key_reaches_the_app_only_as_a_key_vault_reference(string name, string setting, string secretName)
    {
        var parameter = template.Json["parameters"]![name]!;

        Assert.Equal("securestring", (string?)parameter["type"], StringComparer.OrdinalIgnoreCase);
        Assert.Null(parameter["defaultValue"]);
        Assert.Contains($"'{setting}', format('@Microsoft.KeyVault(SecretUri={{0}})'", template.Text, StringComparison.Ordinal);
        // Used three times only: handed to the Key Vault module, measured there for its form, stored as the secret's value.
        Assert.Equal(3, template.Text.Split($"parameters('{name}')").Length - 1);
        var secret = Properties(Assert.Single(
            template.Resources("Microsoft.KeyVault/vaults/secrets"),
            s => ((string?)s["name"])?.Contains($"'{secretName}')", StringComparison.Ordinal) == true));
        Assert.Equal($"[parameters('{name}')]", (string?)secret["value"]);
        Assert.NotNull(Properties(template.OnlyResource("Microsoft.Web/sites"))["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void App_identity_holds_every_role_it_needs()
    {
        var templatesWithAssignments = CompiledTemplate.Descendants(template.Json)
            .OfType<JsonObject>()
            .Where(o => o["$schema"] is not null && o["resources"] is not null)
            .Select(t => (Text: t.ToJsonString(), Assignments: CompiledTemplate.Descendants(t["resources"])
                .OfType<JsonObject>()
                .Count(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")))
            .Where(t => t.Assignments > 0)
            .ToList();

        Assert.All(RequiredRoles.Select(BuiltInRoles.Named), role => Assert.True(
            templatesWithAssignments.Any(t => t.Text.Contains(role.Id, StringComparison.OrdinalIgnoreCase)),
            $"No role assignment template grants {role.Name} ({role.Id})."));
    }

    [Fact]
    public void App_identity_may_send_email_but_not_read_keys()
    {
        var role = template.OnlyResource("Microsoft.Authorization/roleDefinitions");
        var actions = Properties(role)["permissions"]!.AsArray()
            .SelectMany(p => p!["actions"]!.AsArray().Select(a => (string)a!))
            .ToList();

        Assert.Contains("Microsoft.Communication/EmailServices/write", actions);
        Assert.DoesNotContain(actions, a => a.Contains("ListKeys", StringComparison.OrdinalIgnoreCase) || a.Contains('*', StringComparison.Ordinal));
        Assert.Contains(template.Resources("Microsoft.Authorization/roleAssignments"),
            a => ((string?)a["scope"])?.Contains("Microsoft.Communication/communicationServices", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void Monitoring_refuses_local_key_authentication()
    {
        var insights = Properties(template.OnlyResource("Microsoft.Insights/components"));
        var workspace = Properties(template.OnlyResource("Microsoft.OperationalInsights/workspaces"));

        Assert.True((bool)insights["DisableLocalAuth"]!);
        Assert.True((bool)workspace["features"]!["disableLocalAuth"]!);
        Assert.Contains("'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', format('ClientId={0};Authorization=AAD'", AppSettingsExpression(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_vault_uses_role_based_access()
    {
        var vault = Properties(template.OnlyResource("Microsoft.KeyVault/vaults"));

        Assert.True((bool)vault["enableRbacAuthorization"]!);
        Assert.Null(vault["accessPolicies"]);
    }

    [Fact]
    public void Durable_group_keeps_one_instance_always_ready()
    {
        var config = Properties(template.OnlyResource("Microsoft.Web/sites"))["functionAppConfig"]!;
        var alwaysReady = config["scaleAndConcurrency"]!["alwaysReady"]!.AsArray();
        var durable = Assert.Single(alwaysReady, g => (string?)g!["name"] == "durable")!;

        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        var count = durable["instanceCount"]!;
        var effective = count.GetValueKind() == JsonValueKind.Number
            ? (int?)count
            : FindParameterDefault(ParameterName().Match((string)count!).Groups[1].Value);
        Assert.True(effective >= 1, $"The durable group keeps {effective} instances ready.");
    }

    [Fact]
    public void Api_answers_browsers_from_the_form_and_embedding_origins_only()
    {
        var cors = Properties(template.OnlyResource("Microsoft.Web/sites"))["siteConfig"]!["cors"]!;

        Assert.Equal("[parameters('allowedOrigins')]", (string?)cors["allowedOrigins"]);
        Assert.DoesNotContain("'*'", template.Text, StringComparison.Ordinal);
    }

    private static JsonObject Properties(JsonObject resource) => resource["properties"]!.AsObject();

    private string AppSettingsExpression()
    {
        var config = template.Resources("Microsoft.Web/sites/config");
        var appSettings = Assert.Single(config, c => ((string?)c["name"])?.Contains("'appsettings'", StringComparison.Ordinal) == true);
        return (string)appSettings["properties"]!;
    }

    private int? FindParameterDefault(string name) =>
        CompiledTemplate.Descendants(template.Json)
            .OfType<JsonObject>()
            .Where(o => o["parameters"] is JsonObject p && p[name] is JsonObject)
            .Select(o => (int?)o["parameters"]![name]!["defaultValue"])
            .FirstOrDefault(v => v is not null);

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"list[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();

    // The child's own name, last in the compiled format('{0}/{1}', parameters('appName'), 'ftp').
    [GeneratedRegex(@"'(?<policy>\w+)'\)\]$")]
    private static partial Regex PolicyName();

    [GeneratedRegex(@"(key|secret|password|token|connectionstring|sas)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLookingName();
}
