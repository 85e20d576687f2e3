using System.Text.Json.Nodes;

namespace CocReports.Infra.Tests;

/// <summary>
/// Reports and evidence live in their own storage account: the app identity may touch the evidence container and the
/// tables there, nothing broader, and a purge of evidence becomes final once the safety windows pass.
/// </summary>
public sealed class RecordsStorageTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    JsonObject Records => Assert.Single(template.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == "records");

    JsonObject Host => Assert.Single(template.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == "storage");

    static IEnumerable<JsonObject> ResourcesOf(JsonObject module, string type) =>
        CompiledTemplate.Descendants(module["properties"]!["template"]).OfType<JsonObject>()
            .Where(o => o["apiVersion"] is not null && (string?)o["type"] == type);

    [Fact]
    public void The_app_holds_blob_access_on_the_evidence_container_only()
    {
        var assignments = ResourcesOf(Records, "Microsoft.Authorization/roleAssignments").ToList();
        var blobRole = BuiltInRoles.Named("Storage Blob Data Contributor");
        var blobAssignment = Assert.Single(assignments, a => a.ToJsonString().Contains(blobRole.Id, StringComparison.Ordinal)
            || ((string?)a["properties"]!["roleDefinitionId"])!.Contains("storageBlobDataContributor", StringComparison.Ordinal));

        Assert.Contains("Microsoft.Storage/storageAccounts/blobServices/containers", (string?)blobAssignment["scope"], StringComparison.Ordinal);
        Assert.DoesNotContain(BuiltInRoles.Named("Storage Blob Data Owner").Id, CompiledTemplate.Raw(Records), StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_and_tables_are_read_from_the_records_account_not_host_storage()
    {
        var api = Assert.Single(template.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == "api");
        var appSettings = (string)api["properties"]!["parameters"]!["appSettings"]!["value"]!;

        Assert.Contains("'Storage__BlobServiceUri', reference('records').outputs.blobEndpoint.value", appSettings, StringComparison.Ordinal);
        Assert.Contains("'Storage__TableServiceUri', reference('records').outputs.tableEndpoint.value", appSettings, StringComparison.Ordinal);
        Assert.DoesNotContain(ResourcesOf(Host, "Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => ((string?)c["name"])!.Contains("evidence", StringComparison.Ordinal));
    }

    [Fact]
    public void A_purge_becomes_final_because_old_versions_expire_while_versioning_and_soft_delete_stay_on()
    {
        // With versioning on, deleting a blob keeps its previous version; without a lifecycle rule that expires
        // versions, purged evidence would live on. https://learn.microsoft.com/azure/storage/blobs/lifecycle-management-overview
        var blobService = Assert.Single(ResourcesOf(Records, "Microsoft.Storage/storageAccounts/blobServices"))["properties"]!;
        var rule = Assert.Single(Assert.Single(ResourcesOf(Records, "Microsoft.Storage/storageAccounts/managementPolicies"))["properties"]!["policy"]!["rules"]!.AsArray())!;
        var parameters = Records["properties"]!["template"]!["parameters"]!;

        Assert.True((bool)blobService["isVersioningEnabled"]!);
        Assert.True((bool)blobService["deleteRetentionPolicy"]!["enabled"]!);
        Assert.True((bool)rule["enabled"]!);
        Assert.Equal("[format('{0}/', parameters('evidenceContainerName'))]", (string?)Assert.Single(rule["definition"]!["filters"]!["prefixMatch"]!.AsArray()));
        Assert.Equal("[parameters('previousVersionDays')]", (string?)rule["definition"]!["actions"]!["version"]!["delete"]!["daysAfterCreationGreaterThan"]);
        Assert.InRange((int)parameters["previousVersionDays"]!["defaultValue"]!, 1, 30);
    }

    [Fact]
    public void Key_vault_keeps_a_deleted_signing_key_recoverable()
    {
        var vault = template.OnlyResource("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool)vault["enableSoftDelete"]!);
        Assert.Equal("[if(parameters('purgeProtection'), true(), null())]", (string?)vault["enablePurgeProtection"]);
        Assert.True((bool)template.Json["parameters"]!["keyVaultPurgeProtection"]!["defaultValue"]!);
    }
}
