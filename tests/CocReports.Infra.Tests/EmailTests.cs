using System.Text.Json.Nodes;

namespace CocReports.Infra.Tests;

/// <summary>How the template sets up ACS Email: the sender on each kind of domain, the send role, the DNS records.</summary>
public sealed class EmailTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    JsonObject EmailModule => Assert.Single(template.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == "email");

    [Fact]
    public void Only_a_custom_domain_gets_sender_usernames()
    {
        // Azure-managed domains send only as DoNotReply:
        // https://learn.microsoft.com/azure/communication-services/quickstarts/email/add-multiple-senders
        var senders = template.Resources("Microsoft.Communication/emailServices/domains/senderUsernames");

        var sender = Assert.Single(senders);
        Assert.Contains("hasCustomDomain", (string?)sender["condition"], StringComparison.Ordinal);
        Assert.Contains("'DoNotReply@{0}', reference(resourceId('Microsoft.Communication/emailServices/domains'", CompiledTemplate.Raw(EmailModule), StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_domain_with_default_limits_sends_as_its_own_do_not_reply_and_declares_no_sender()
    {
        // "How to add and remove multiple email sender addresses": sender usernames cannot be enabled for custom
        // domains with default sending limits, only once higher limits are provisioned.
        // https://learn.microsoft.com/azure/communication-services/quickstarts/email/add-multiple-senders
        var sender = Assert.Single(template.Resources("Microsoft.Communication/emailServices/domains/senderUsernames"));
        var module = EmailModule["properties"]!["template"]!;

        Assert.Equal("[and(variables('hasCustomDomain'), parameters('raisedLimitsGranted'))]", (string?)sender["condition"]);
        Assert.Equal("[if(parameters('raisedLimitsGranted'), parameters('senderUsername'), 'DoNotReply')]", (string?)module["variables"]!["ownSenderUsername"]);
        Assert.Contains("format('{0}@{1}', variables('ownSenderUsername'), parameters('customDomain'))", CompiledTemplate.Raw(module["outputs"]!["senderAddress"]!), StringComparison.Ordinal);
        // Raised limits are a fact the deployer declares; without it the deploy never asks ACS for a custom sender.
        Assert.False((bool)template.Json["parameters"]!["emailRaisedLimitsGranted"]!["defaultValue"]!);
        Assert.Equal("[parameters('emailRaisedLimitsGranted')]", (string?)EmailModule["properties"]!["parameters"]!["raisedLimitsGranted"]!["value"]);
    }

    [Fact]
    public void The_send_role_grants_exactly_the_documented_actions_and_is_named_uniquely_in_the_tenant()
    {
        // https://learn.microsoft.com/azure/communication-services/quickstarts/email/send-email-smtp/smtp-authentication
        var role = template.OnlyResource("Microsoft.Authorization/roleDefinitions");
        var properties = role["properties"]!;
        var permissions = Assert.Single(properties["permissions"]!.AsArray())!;

        Assert.Equal(
            ["Microsoft.Communication/CommunicationServices/Read", "Microsoft.Communication/CommunicationServices/Write", "Microsoft.Communication/EmailServices/write"],
            permissions["actions"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Empty(permissions["dataActions"]!.AsArray());
        // Role names are unique per tenant: a resource group name alone repeats across subscriptions.
        var roleName = (string)properties["roleName"]!;
        Assert.Contains("guid(subscription().id, resourceGroup().id)", roleName, StringComparison.Ordinal);
        Assert.DoesNotContain("resourceGroup().name", roleName, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deployment_outputs_the_dns_records_a_custom_domain_needs()
    {
        // verificationRecords (Domain, SPF, DKIM, DKIM2) of Microsoft.Communication/emailServices/domains@2023-04-01.
        var output = template.Json["outputs"]!["EMAIL_DNS_RECORDS"]!;
        var inner = EmailModule["properties"]!["template"]!["outputs"]!["dnsRecords"]!;
        var innerText = CompiledTemplate.Raw(inner);

        Assert.Equal("array", (string?)output["type"]);
        Assert.Contains("verificationRecords", CompiledTemplate.Raw(EmailModule), StringComparison.Ordinal);
        Assert.Equal(["Domain", "SPF", "DKIM", "DKIM2"],
            EmailModule["properties"]!["template"]!["variables"]!["recordKinds"]!.AsArray().Select(k => (string?)k));
        foreach (var field in new[] { "type", "name", "value", "ttl" })
            Assert.Contains($"'{field}'", innerText, StringComparison.Ordinal);
    }
}
