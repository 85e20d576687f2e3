namespace CocReports.Infra.Tests;

/// <summary>What committee email may carry, the members' OpenPGP keys and the weekly digest, as the template hands them to the app.</summary>
public sealed class NotificationSettingsTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    [Fact]
    public void Report_content_stays_out_of_email_unless_the_deployer_chooses_summary_or_full()
    {
        var parameter = template.Json["parameters"]!["notificationContent"]!;

        Assert.Equal("None", (string?)parameter["defaultValue"]);
        Assert.Equal(["None", "Summary", "Full"], parameter["allowedValues"]!.AsArray().Select(v => (string?)v));
        Assert.Contains("'Notifications__Content', parameters('notificationContent')", template.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("committeeMembers", "Committee__Members__{0}__OpenPgpPublicKey")]
    [InlineData("escalationContacts", "Committee__EscalationContacts__{0}__OpenPgpPublicKey")]
    public void A_member_or_contact_may_bring_an_openpgp_key_and_one_without_gets_an_empty_setting(string parameter, string setting) =>
        Assert.Contains(
            $"format('{setting}', lambdaVariables('i')), 'value', coalesce(tryGet(parameters('{parameter}')[lambdaVariables('i')], 'openPgpPublicKey'), '')",
            template.Text,
            StringComparison.Ordinal);

    [Fact]
    public void The_weekly_digest_is_on_by_default_and_its_switch_day_and_time_reach_the_app()
    {
        Assert.True((bool?)template.Json["parameters"]!["weeklyDigest"]!["defaultValue"]);
        Assert.Contains("'OpenCases__WeeklyDigest', string(parameters('weeklyDigest'))", template.Text, StringComparison.Ordinal);
        Assert.Contains("'OpenCases__DigestDay', parameters('digestDay')", template.Text, StringComparison.Ordinal);
        Assert.Contains("'OpenCases__DigestAt', parameters('digestAt')", template.Text, StringComparison.Ordinal);
    }
}
