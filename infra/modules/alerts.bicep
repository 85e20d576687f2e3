// Tells the operators when a report may be going unheard: a workflow step failed, a mail failed after all its retries,
// an inbound message was set aside, ACS could not deliver a mail, or the API answered with a server error. Each rule is a log search over the
// workspace-based Application Insights tables (AppTraces, AppRequests) or the ACS delivery status table.
// Tables: https://learn.microsoft.com/azure/azure-monitor/app/convert-classic-resource#table-structure
// Rule schema: https://learn.microsoft.com/azure/templates/microsoft.insights/scheduledqueryrules
param location string
param tags object
param namePrefix string
param workspaceId string

@description('Addresses the alerts are mailed to; an action group without receivers would tell nobody.')
@minLength(1)
param operatorEmails string[]

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'coc-ops'
    enabled: true
    emailReceivers: [
      for (email, i) in operatorEmails: {
        name: 'operator-${i}'
        emailAddress: email
        useCommonAlertSchema: true
      }
    ]
  }
}

// Every query groups by a column (`summarize ... by`): a `summarize count()` without `by` returns one row even when
// nothing matched, and the rule, which fires on more than zero rows, would fire every evaluation
// (https://learn.microsoft.com/azure/data-explorer/kusto/query/summarize-operator: on empty input, without a group
// expression "the output will be a single (empty) row", with one "the output will have no rows"). AppRoleName is an
// AppTraces column (https://learn.microsoft.com/azure/azure-monitor/reference/tables/apptraces).
var rules = [
  {
    name: 'workflow-failed'
    severity: 1
    description: 'A report workflow (orchestration) failed: a report may be stuck. See the Durable Functions tracking events.'
    // Durable Functions writes tracking events with category Host.Triggers.DurableTask, prop__state and
    // prop__functionType ("Orchestrator" or "Activity"):
    // https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-diagnostics#tracking-data
    // Only orchestrations: a failed activity attempt (an ACS 429 among them) is retried by the workflow, and an
    // activity that fails every retry fails its orchestration, which this rule then reports once.
    query: 'AppTraces | where tostring(Properties.Category) == "Host.Triggers.DurableTask" | where tostring(Properties.prop__functionType) == "Orchestrator" | where tostring(Properties.prop__state) == "Failed" | summarize failures = count() by functionName = tostring(Properties.prop__functionName)'
  }
  {
    name: 'mail-failed'
    severity: 1
    description: 'A mail failed after all its retries (timeline step MailFailed): someone was not told about a report.'
    query: 'AppTraces | where Message startswith "MailFailed" | summarize failures = count() by AppRoleName'
  }
  {
    name: 'mail-quarantined'
    severity: 1
    description: 'An inbound message failed every import and was set aside (MailQuarantined): a report may be in it. The log names where it is, never what it says.'
    query: 'AppTraces | where Message startswith "MailQuarantined" | summarize messages = count() by AppRoleName'
  }
  {
    name: 'mail-not-delivered'
    severity: 2
    description: 'Azure Communication Services accepted a mail but could not deliver it (failed, bounced, quarantined, filtered as spam or suppressed).'
    // Statuses: https://learn.microsoft.com/azure/azure-monitor/reference/tables/acsemailstatusupdateoperational and
    // "Email Bounced and Suppressed Recipients" in https://learn.microsoft.com/azure/azure-monitor/reference/queries/acsemailstatusupdateoperational
    // (Bounced: the address no longer exists, e.g. a member who left).
    // The table exists only after ACS's first status record; until then a query naming it fails, and Azure Monitor
    // disables a rule that "has been failing consistently with the same exception for the past week"
    // (https://github.com/microsoft/AzureMonitorCommunity/issues/175). `union isfuzzy=true` with an empty datatable
    // runs whether or not the table exists (https://learn.microsoft.com/azure/data-explorer/kusto/query/union-operator, isfuzzy).
    query: 'union isfuzzy=true (datatable(TimeGenerated: datetime, DeliveryStatus: string) []), (ACSEmailStatusUpdateOperational) | where DeliveryStatus in ("Failed", "Bounced", "Quarantined", "FilteredSpam", "Suppressed") | summarize failures = count() by DeliveryStatus'
  }
  {
    name: 'server-errors'
    severity: 2
    description: 'The API answered with a 5xx: a reporter or committee member may have been turned away.'
    query: 'AppRequests | where toint(ResultCode) >= 500 | summarize failures = count() by Name, ResultCode'
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: 'CocReports: ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        workspaceId
      ]
      evaluationFrequency: 'PT15M'
      windowSize: 'PT15M'
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      // The ACS and Durable tables exist only after their first record; without this the rule could not be created.
      skipQueryValidation: true
      autoMitigate: false
      actions: {
        actionGroups: [
          operators.id
        ]
      }
    }
  }
]
