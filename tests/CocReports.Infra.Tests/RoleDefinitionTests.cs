using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CocReports.Infra.Tests;

/// <summary>
/// A role assignment that names a role Azure does not have fails the whole deployment (Storage Table Data Contributor
/// once carried a mistyped ID). Every role ID must be one the template defines or a documented built-in role, held in a
/// variable named after that role.
/// </summary>
public sealed partial class RoleDefinitionTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    [Fact]
    public void Every_id_in_the_template_is_a_documented_built_in_role()
    {
        // The templates contain no GUID literal other than role IDs: everything else is derived with guid().
        var literals = GuidLiteral().Matches(template.Text).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(literals);
        Assert.All(literals, id => Assert.True(
            BuiltInRoles.WithId(id) is not null,
            $"{id} is not in the table of built-in roles (BuiltInRoles.cs); look it up in the role reference."));
    }

    [Fact]
    public void Every_role_assignment_names_a_built_in_role_or_a_role_the_template_defines()
    {
        var assignments = template.Resources("Microsoft.Authorization/roleAssignments");

        Assert.NotEmpty(assignments);
        Assert.All(assignments, a =>
        {
            var roleDefinitionId = (string)a["properties"]!["roleDefinitionId"]!;
            var definedHere = roleDefinitionId.Contains("resourceId('Microsoft.Authorization/roleDefinitions', guid(", StringComparison.Ordinal);
            var builtIn = roleDefinitionId.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ", StringComparison.Ordinal);
            Assert.True(definedHere || builtIn, roleDefinitionId);
        });
        // The roles the template defines are what the "defined here" assignments point at.
        Assert.NotEmpty(template.Resources("Microsoft.Authorization/roleDefinitions"));
    }

    [Fact]
    public void Every_role_id_sits_in_a_variable_named_after_its_role()
    {
        var declarations = Directory.EnumerateFiles(Path.Combine(Bicep.RepoRoot, "infra"), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(file => RoleDeclaration().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Name: m.Groups["name"].Value, Id: m.Groups["id"].Value)))
            .ToList();

        Assert.NotEmpty(declarations);
        Assert.All(declarations, d =>
        {
            var role = BuiltInRoles.WithId(d.Id);
            Assert.True(role is not null, $"{d.File}: {d.Name} = {d.Id} is not a known built-in role.");
            Assert.True(
                string.Equals(Squeeze(d.Name), Squeeze(role!.Name), StringComparison.OrdinalIgnoreCase),
                $"{d.File}: {d.Name} holds the ID of {role.Name} ({role.Documentation}).");
        });
    }

    static string Squeeze(string name) => new(name.Where(char.IsLetterOrDigit).ToArray());

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidLiteral();

    [GeneratedRegex(@"(?<name>[A-Za-z]\w*)\s*[:=]\s*'(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'")]
    private static partial Regex RoleDeclaration();
}
