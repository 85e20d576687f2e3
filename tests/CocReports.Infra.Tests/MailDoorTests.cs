namespace CocReports.Infra.Tests;

/// <summary>The email doors' settings: the mailbox password, its Microsoft 365 client secret and the webhook secret live only in Key Vault.</summary>
public sealed class MailDoorTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    [Theory]
    [InlineData("conductImapPassword", "MailIntake__Password", "conduct-imap-password")]
    [InlineData("conductImapClientSecret", "MailIntake__ClientSecret", "conduct-imap-client-secret")]
    [InlineData("inboundMailWebhookSecret", "MailIntake__WebhookSecret", "inbound-mail-webhook-secret")]
    public void A_mail_door_credential_reaches_the_app_only_as_a_key_vault_reference(string parameter, string setting, string secretName)
    {
        Assert.Equal("securestring", (string?)template.Json["parameters"]![parameter]!["type"], StringComparer.OrdinalIgnoreCase);
        // The same reference form as Links__SigningKey, resolved by the platform as the identity in keyVaultReferenceIdentity
        // (https://learn.microsoft.com/dotnet/api/azure.resourcemanager.appservice.models.siteconfigproperties.keyvaultreferenceidentity).
        Assert.Contains($"'{setting}', format('@Microsoft.KeyVault(SecretUri={{0}})'", template.Text, StringComparison.Ordinal);
        Assert.Single(
            template.Resources("Microsoft.KeyVault/vaults/secrets"),
            s => ((string?)s["name"])?.Contains($"'{secretName}')", StringComparison.Ordinal) == true);

        // Used four times only: whether it is given, its value handed to the Key Vault module, whether to reference it,
        // and, in the module, as the secret's value.
        Assert.Equal(4, template.Text.Split($"parameters('{parameter}')").Length - 1);
    }

    [Theory]
    [InlineData("MailIntake__Address")]
    [InlineData("MailIntake__ImapHost")]
    [InlineData("MailIntake__UserName")]
    [InlineData("MailIntake__SignIn")]
    [InlineData("MailIntake__TenantId")]
    [InlineData("MailIntake__ClientId")]
    [InlineData("Organizers__People__")]
    public void The_email_and_organizer_doors_are_configured_through_app_settings(string setting) =>
        Assert.Contains(setting, template.Text, StringComparison.Ordinal);

    [Fact]
    public void The_mailbox_signs_in_with_a_password_unless_the_deployer_chooses_Microsoft_365()
    {
        var signIn = template.Json["parameters"]!["conductImapSignIn"]!;
        Assert.Equal("Password", (string?)signIn["defaultValue"]);
        Assert.Equal(["Password", "Microsoft365"], signIn["allowedValues"]!.AsArray().Select(v => (string?)v));
    }
}
