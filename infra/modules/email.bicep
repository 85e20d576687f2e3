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

@description('Display name recipients see.')
param fromName string

@description('Optional custom domain, e.g. reports.example.org. Empty: Azure-managed domain only.')
param customDomain string

@description('Send from the custom domain. Turn on only after its DNS records are verified.')
param sendFromCustomDomain bool

@description('Sender username on the custom domain (custom usernames need raised sending limits; DoNotReply always works).')
param senderUsername string

var hasCustomDomain = !empty(customDomain)
var useCustomDomain = hasCustomDomain && sendFromCustomDomain

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

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

// Azure-managed domains only allow the DoNotReply sender; declaring it sets the display name.
resource managedSender 'Microsoft.Communication/emailServices/domains/senderUsernames@2023-04-01' = {
  parent: managedDomain
  name: 'donotreply'
  properties: {
    username: 'DoNotReply'
    displayName: fromName
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

resource ownSender 'Microsoft.Communication/emailServices/domains/senderUsernames@2023-04-01' = if (hasCustomDomain) {
  parent: ownDomain
  name: toLower(senderUsername)
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

// Narrower than Contributor: no key listing, no deletion. These three actions are what Microsoft documents
// for sending email with an Entra identity.
resource emailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'coc-reports-email-sender')
  properties: {
    roleName: 'CocReports Email Sender (${resourceGroup().name})'
    description: 'Send email through Azure Communication Services.'
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

output endpoint string = 'https://${communication.properties.hostName}'
// A customer-managed domain sends from its own name; the Azure-managed one from a generated subdomain.
output senderAddress string = useCustomDomain
  ? '${senderUsername}@${customDomain}'
  : '${managedSender.properties.username}@${managedDomain.properties.mailFromSenderDomain}'
