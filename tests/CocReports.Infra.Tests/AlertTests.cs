using System.Text.Json.Nodes;

namespace CocReports.Infra.Tests;

/// <summary>
/// A report that goes unheard must reach an operator: the template mails the operators (by default the escalation
/// contacts) when a workflow step fails, a mail fails after all its retries, an inbound message is set aside, ACS
/// cannot deliver, or the API answers 5xx.
/// </summary>
public sealed class AlertTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    JsonObject Module => Assert.Single(template.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == "alerts");

    JsonObject Rule => template.OnlyResource("Microsoft.Insights/scheduledQueryRules");

    string RulesText => CompiledTemplate.Raw(Module["properties"]!["template"]!);

    [Fact]
    public void Alerts_mail_the_operators_who_default_to_the_escalation_contacts()
    {
        var group = template.OnlyResource("Microsoft.Insights/actionGroups");

        Assert.Contains("emailReceivers", group["properties"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(
            "[if(empty(parameters('alertEmails')), createObject('value', map(parameters('escalationContacts'), lambda('c', lambdaVariables('c').email))), createObject('value', parameters('alertEmails')))]",
            (string?)Module["properties"]!["parameters"]!["operatorEmails"]);
        Assert.Contains("[resourceId('Microsoft.Insights/actionGroups'", CompiledTemplate.Raw(Rule), StringComparison.Ordinal);
    }

    [Theory]
    // Durable Functions tracking events: https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-diagnostics
    [InlineData("Host.Triggers.DurableTask")]
    [InlineData("prop__state) == \\\"Failed\\\"")]
    // The app logs a trace starting with MailFailed when a mail failed after all its retries.
    [InlineData("Message startswith \\\"MailFailed\\\"")]
    // The app logs a trace starting with MailQuarantined when an inbound message failed every import.
    [InlineData("Message startswith \\\"MailQuarantined\\\"")]
    // ACS delivery status: https://learn.microsoft.com/azure/azure-monitor/reference/tables/acsemailstatusupdateoperational
    [InlineData("ACSEmailStatusUpdateOperational")]
    // Server errors, from the workspace-based Application Insights requests table.
    [InlineData("AppRequests | where toint(ResultCode) >= 500")]
    public void A_rule_watches_for(string signal)
    {
        Assert.Contains(signal, RulesText, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_queries_the_workspace_and_fires_on_the_first_occurrence()
    {
        var criterion = Assert.Single(Rule["properties"]!["criteria"]!["allOf"]!.AsArray())!;

        Assert.Equal("[length(variables('rules'))]", (string?)Rule["copy"]!["count"]);
        Assert.Equal(5, Module["properties"]!["template"]!["variables"]!["rules"]!.AsArray().Count);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int)criterion["threshold"]!);
        Assert.Equal("[parameters('workspaceId')]", (string?)Assert.Single(Rule["properties"]!["scopes"]!.AsArray()));
    }

    [Fact]
    public void Acs_sends_its_delivery_status_to_the_workspace()
    {
        // https://learn.microsoft.com/azure/communication-services/concepts/analytics/logs/email-logs
        var setting = template.OnlyResource("Microsoft.Insights/diagnosticSettings");
        var log = Assert.Single(setting["properties"]!["logs"]!.AsArray())!;

        Assert.Contains("Microsoft.Communication/communicationServices", (string?)setting["scope"], StringComparison.Ordinal);
        Assert.Equal("EmailStatusUpdateOperational", (string?)log["category"]);
        Assert.True((bool)log["enabled"]!);
        Assert.Equal("[parameters('workspaceId')]", (string?)setting["properties"]!["workspaceId"]);
    }
}
