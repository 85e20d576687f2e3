using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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

    static readonly Regex Summarize = new(@"\|\s*summarize\b(?<rest>[^|]*)", RegexOptions.Compiled);

    JsonArray Rules => Module["properties"]!["template"]!["variables"]!["rules"]!.AsArray();

    string Query(string rule) => (string)Rules.Single(r => (string?)r!["name"] == rule)!["query"]!;

    [Fact]
    public void Alerts_mail_the_operators_else_the_escalation_contacts_else_the_committee()
    {
        var group = template.OnlyResource("Microsoft.Insights/actionGroups");

        Assert.Contains("emailReceivers", group["properties"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(
            "[if(not(empty(parameters('alertEmails'))), createObject('value', parameters('alertEmails')), if(not(empty(parameters('escalationContacts'))), createObject('value', map(parameters('escalationContacts'), lambda('c', lambdaVariables('c').email))), createObject('value', map(parameters('committeeMembers'), lambda('m', lambdaVariables('m').email)))))]",
            (string?)Module["properties"]!["parameters"]!["operatorEmails"]);
        Assert.Contains("[resourceId('Microsoft.Insights/actionGroups'", CompiledTemplate.Raw(Rule), StringComparison.Ordinal);
    }

    [Fact]
    public void An_alert_always_reaches_someone_or_the_deploy_refuses()
    {
        // The last fallback, the committee, cannot be empty; the module refuses an empty list of its own accord.
        Assert.Equal(1, (int)template.Json["parameters"]!["committeeMembers"]!["minLength"]!);
        Assert.Equal(1, (int)Module["properties"]!["template"]!["parameters"]!["operatorEmails"]!["minLength"]!);
    }

    [Fact]
    public void Every_rule_groups_its_count_so_that_no_match_means_no_rows()
    {
        // A rule fires on more than zero rows; `summarize count()` without `by` returns one row on empty input:
        // https://learn.microsoft.com/azure/data-explorer/kusto/query/summarize-operator
        Assert.All(Rules, rule =>
        {
            var query = (string)rule!["query"]!;
            var summarize = Assert.Single(Summarize.Matches(query));
            Assert.Matches(@"\bby\s+\S", summarize.Groups["rest"].Value);
        });
    }

    [Fact]
    public void Workflow_failures_count_failed_orchestrations_not_retried_activity_attempts()
    {
        // Tracking events carry prop__functionType, Orchestrator or Activity:
        // https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-diagnostics#tracking-data
        Assert.Contains("where tostring(Properties.prop__functionType) == \"Orchestrator\"", Query("workflow-failed"), StringComparison.Ordinal);
    }

    [Fact]
    public void Undelivered_mail_includes_bounces_and_the_query_runs_before_acs_s_table_exists()
    {
        var query = Query("mail-not-delivered");

        // https://learn.microsoft.com/azure/azure-monitor/reference/queries/acsemailstatusupdateoperational
        Assert.Contains("\"Bounced\"", query, StringComparison.Ordinal);
        // Fuzzy union with an empty datatable: https://learn.microsoft.com/azure/data-explorer/kusto/query/union-operator
        Assert.StartsWith("union isfuzzy=true (datatable(TimeGenerated: datetime, DeliveryStatus: string) []), (ACSEmailStatusUpdateOperational) |", query, StringComparison.Ordinal);
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
        var setting = Assert.Single(template.Resources("Microsoft.Insights/diagnosticSettings"), s => ((string?)s["scope"] ?? "").Contains("Microsoft.Communication", StringComparison.Ordinal));
        var log = Assert.Single(setting["properties"]!["logs"]!.AsArray())!;

        Assert.Contains("Microsoft.Communication/communicationServices", (string?)setting["scope"], StringComparison.Ordinal);
        Assert.Equal("EmailStatusUpdateOperational", (string?)log["category"]);
        Assert.True((bool)log["enabled"]!);
        Assert.Equal("[parameters('workspaceId')]", (string?)setting["properties"]!["workspaceId"]);
    }
}
