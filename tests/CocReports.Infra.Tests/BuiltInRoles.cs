namespace CocReports.Infra.Tests;

/// <summary>
/// The Azure built-in roles the templates may assign, copied from Microsoft's role reference. A role ID that is not
/// here (and not a role the template defines itself) makes the role assignment, and with it <c>azd up</c>, fail.
/// </summary>
internal static class BuiltInRoles
{
    public sealed record Role(string Id, string Name, string Documentation);

    const string StoragePage = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage";
    const string SecurityPage = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security";
    const string MonitorPage = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/monitor";

    public static IReadOnlyList<Role> All { get; } =
    [
        new("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner", StoragePage),
        new("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor", StoragePage),
        new("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor", StoragePage),
        new("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor", StoragePage),
        new("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", SecurityPage),
        new("3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher", MonitorPage),
    ];

    public static Role Named(string name) => All.Single(r => r.Name == name);

    public static Role? WithId(string id) => All.SingleOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
