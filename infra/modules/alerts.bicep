// Tells the operators when a report may be going unheard: a workflow step failed, a mail failed after all its retries,
// an inbound message was set aside, ACS could not deliver a mail, or the API answered with a server error. Each rule is a log search over the
// workspace-based Application Insights tables (AppTraces, AppRequests) or the ACS delivery status table.
// Tables: https://learn.microsoft.com/azure/azure-monitor/app/convert-classic-resource#table-structure
// Rule schema: https://learn.microsoft.com/azure/templates/microsoft.insights/scheduledqueryrules
param location string
param tags object
param namePrefix string
param workspaceId string

@description('Addresses the alerts are mailed to.')
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

var rules = [
  {
    name: 'workflow-failed'
    severity: 1
    description: 'An orchestration or activity of a report workflow failed: a report may be stuck. See the Durable Functions tracking events.'
    // Durable Functions writes tracking events with category Host.Triggers.DurableTask and prop__state:
    // https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-diagnostics#tracking-data
    query: 'AppTraces | where tostring(Properties.Category) == "Host.Triggers.DurableTask" | where tostring(Properties.prop__state) == "Failed" | summarize failures = count() by functionType = tostring(Properties.prop__functionType)'
  }
  {
    name: 'mail-failed'
    severity: 1
    description: 'A mail failed after all its retries (timeline step MailFailed): someone was not told about a report.'
    query: 'AppTraces | where Message startswith "MailFailed" | summarize failures = count()'
  }
  {
    name: 'mail-quarantined'
    severity: 1
    description: 'An inbound message failed every import and was set aside (MailQuarantined): a report may be in it. The log names where it is, never what it says.'
    query: 'AppTraces | where Message startswith "MailQuarantined" | summarize messages = count()'
  }
  {
    name: 'mail-not-delivered'
    severity: 2
    description: 'Azure Communication Services accepted a mail but could not deliver it (failed, quarantined, filtered as spam or suppressed).'
    // https://learn.microsoft.com/azure/azure-monitor/reference/tables/acsemailstatusupdateoperational
    query: 'ACSEmailStatusUpdateOperational | where DeliveryStatus in ("Failed", "Quarantined", "FilteredSpam", "Suppressed") | summarize failures = count() by DeliveryStatus'
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
