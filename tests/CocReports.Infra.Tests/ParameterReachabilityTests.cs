using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CocReports.Infra.Tests;

/// <summary>
/// azd prompts only for parameters without a default, and fills the others from main.parameters.json, where
/// "${VAR}" is replaced from the azd environment (https://github.com/Azure/azure-dev/pull/2896: an unset variable
/// makes azd prompt when the parameter has no default). Every value a community must choose has to reach the template
/// one way or the other, or it silently stays at its default forever (empty escalation contacts, no embedding sites).
/// </summary>
public sealed partial class ParameterReachabilityTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    static readonly string[] CommunityChoices =
    [
        "communityName", "committeeMembers", "escalationContacts", "embeddingOrigins", "emergencyNotice",
        "mailFromName", "emailSenderUsername", "emailCustomDomain", "sendFromCustomDomain", "alertEmails",
        "conductAddress", "conductImapHost", "conductImapPort", "conductImapUserName", "conductImapPassword",
        "conductImapSignIn", "conductImapTenantId", "conductImapClientId", "conductImapClientSecret",
        "inboundMailWebhookSecret", "organizers", "notificationContent", "weeklyDigest", "digestDay", "digestAt",
    ];

    static JsonObject Mapping => JsonNode.Parse(File.ReadAllText(Path.Combine(Bicep.RepoRoot, "infra", "main.parameters.json")))!["parameters"]!.AsObject();

    JsonObject Parameters => template.Json["parameters"]!.AsObject();

    [Theory]
    [MemberData(nameof(Choices))]
    public void A_community_choice_is_prompted_for_or_read_from_an_azd_environment_variable(string name)
    {
        var parameter = Parameters[name];
        Assert.NotNull(parameter);
        var mapped = (string?)Mapping[name]?["value"];
        var prompted = parameter!["defaultValue"] is null && (mapped is null || EnvironmentReference().IsMatch(mapped));
        var fromEnvironment = mapped is not null && EnvironmentReference().IsMatch(mapped);

        Assert.True(prompted || fromEnvironment, $"{name} can only ever have its default.");
    }

    [Theory]
    [InlineData("committeeMembers")]
    [InlineData("escalationContacts")]
    [InlineData("embeddingOrigins")]
    [InlineData("communityName")]
    [InlineData("emergencyNotice")]
    public void Choices_without_a_safe_default_are_asked_for_when_not_set(string name)
    {
        Assert.Null(Parameters[name]!["defaultValue"]);
    }

    [Fact]
    public void A_mapped_parameter_with_a_default_keeps_it_when_the_variable_is_unset()
    {
        // For a string with a default, azd passes an empty "${VAR}" through as "" instead of the default
        // (armParameterFileValue in azd's Bicep provider), so such mappings must name their fallback: "${VAR=fallback}".
        // AZURE_LOCATION is exempt: azd itself always sets it.
        var unsafeMappings = Mapping
            .Where(m => (string?)m.Value!["value"] != "${AZURE_LOCATION}")
            .Where(m => Parameters[m.Key]?["defaultValue"] is JsonValue d
                && d.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)d != ""
                && !((string?)m.Value!["value"])!.Contains('=', StringComparison.Ordinal))
            .Select(m => m.Key)
            .ToList();

        Assert.Empty(unsafeMappings);
    }

    [Fact]
    public void Every_mapping_names_a_parameter_of_the_template()
    {
        Assert.All(Mapping, m => Assert.True(Parameters.ContainsKey(m.Key), $"main.parameters.json maps unknown parameter {m.Key}."));
    }

    [Theory]
    [InlineData("linkSigningKey", "${LINK_SIGNING_KEY}")]
    [InlineData("recordKey", "${RECORD_KEY}")]
    public void A_key_is_generated_by_azd_in_a_form_the_app_accepts_unless_its_variable_is_set(string name, string variable)
    {
        // https://learn.microsoft.com/azure/developer/azure-developer-cli/metadata#generate: azd generates the value
        // once and keeps it in the environment, so re-deployments keep the key.
        Assert.Equal(variable, (string?)Mapping[name]!["value"]);
        var azd = Parameters[name]!["metadata"]!["azd"]!;

        Assert.Equal("generate", (string?)azd["type"]);
        var length = (int)azd["config"]!["length"]!;
        Assert.True((bool)azd["config"]!["noSpecial"]!, "Only letters and digits are base64 characters.");
        // Letters and digits only, a multiple of 4 long: base64 without padding, at least 32 bytes.
        Assert.Equal(0, length % 4);
        Assert.True(length / 4 * 3 >= 32);
    }

    public static TheoryData<string> Choices() => new(CommunityChoices);

    [GeneratedRegex(@"^\$\{[A-Z_][A-Z0-9_]*(=[^}]*)?\}$")]
    private static partial Regex EnvironmentReference();
}
