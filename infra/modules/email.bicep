// Email through Azure Communication Services: an Email Communication Service with an Azure-managed
// domain (works at once, no DNS), optionally a custom domain, linked to a Communication Services resource.
param communicationServiceName string
param emailServiceName string
param tags object
@description('Resource ID of the app identity; names its role assignments deterministically.')
param identityId string
param identityPrincipalId string

@description('Where ACS keeps message data at rest.')
param dataLocation string

@description('Display name recipients see on the custom domain.')
param fromName string

@description('Optional custom domain, e.g. reports.example.org. Empty: Azure-managed domain only.')
param customDomain string

@description('Send from the custom domain. Turn on only after its DNS records are verified.')
param sendFromCustomDomain bool

@description('Sender username on the custom domain, used only once raised sending limits have been granted.')
param senderUsername string

@description('Whether Microsoft has raised the custom domain\'s sending limits, the condition for any sender username but DoNotReply.')
param raisedLimitsGranted bool

@description('Log Analytics workspace that receives ACS delivery status logs, for the delivery-failure alert.')
param workspaceId string

var hasCustomDomain = !empty(customDomain)
var useCustomDomain = hasCustomDomain && sendFromCustomDomain
// ACS refuses sender usernames on a custom domain with the default sending limits ("How to add and remove multiple
// email sender addresses", https://learn.microsoft.com/azure/communication-services/quickstarts/email/add-multiple-senders:
// not "for custom domains with default sending limits"); until limits are raised the domain sends as its built-in
// DoNotReply, and the display name cannot be set.
var ownSenderUsername = raisedLimitsGranted ? senderUsername : 'DoNotReply'

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

// An Azure-managed domain sends only as DoNotReply@<its domain>: custom sender usernames are for custom domains
// (https://learn.microsoft.com/azure/communication-services/quickstarts/email/add-multiple-senders), so none is declared.
resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource ownDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = if (hasCustomDomain) {
  parent: emailService
  name: hasCustomDomain ? customDomain : 'unused.invalid'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource ownSender 'Microsoft.Communication/emailServices/domains/senderUsernames@2023-04-01' = if (hasCustomDomain && raisedLimitsGranted) {
  parent: ownDomain
  // Named as the username it declares, in its own case.
  name: senderUsername
  properties: {
    username: senderUsername
    displayName: fromName
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    // A custom domain can be linked only once verified, hence behind sendFromCustomDomain.
    linkedDomains: useCustomDomain ? [managedDomain.id, ownDomain.id] : [managedDomain.id]
  }
}

// Delivery status (bounces, quarantine, suppression) reaches the workspace only through this diagnostic setting:
// https://learn.microsoft.com/azure/communication-services/concepts/analytics/logs/email-logs
// Only the status category: the send and engagement logs add nothing the alerts need.
resource deliveryLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'email-delivery-status'
  scope: communication
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'EmailStatusUpdateOperational'
        enabled: true
      }
    ]
  }
}

// The actions Microsoft documents for sending email with an Entra identity
// (https://learn.microsoft.com/azure/communication-services/quickstarts/email/send-email-smtp/smtp-authentication):
// narrower than the built-in Communication and Email Service Owner, which the same page says "gives access to all
// Communication and Email service operations".
// Role names are unique per tenant, so the name carries this resource group's id, not only its (reusable) name.
resource emailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'coc-reports-email-sender')
  properties: {
    roleName: 'CocReports Email Sender ${guid(subscription().id, resourceGroup().id)}'
    description: 'Send email through Azure Communication Services (CocReports, resource group ${resourceGroup().name}).'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

resource sendEmail 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, identityId, emailSenderRole.id)
  scope: communication
  properties: {
    roleDefinitionId: emailSenderRole.id
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// What to create at the DNS provider before sendFromCustomDomain can be turned on.
var records = hasCustomDomain ? ownDomain!.properties.verificationRecords : {}
var recordKinds = ['Domain', 'SPF', 'DKIM', 'DKIM2']

output endpoint string = 'https://${communication.properties.hostName}'
output resourceId string = communication.id
// A custom domain sends from its own name; the Azure-managed one only as DoNotReply from a generated subdomain.
output senderAddress string = useCustomDomain
  ? '${ownSenderUsername}@${customDomain}'
  : 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
output dnsRecords array = hasCustomDomain
  ? map(recordKinds, kind => {
      purpose: kind
      type: records[kind].type
      name: records[kind].name
      value: records[kind].value
      ttl: records[kind].ttl
    })
  : []
