// CocReports: a Code of Conduct report form, its API and the committee's durable workflow.
// Everything authenticates with one user-assigned managed identity; no secret leaves Key Vault.
targetScope = 'resourceGroup'

metadata description = 'CocReports: Code of Conduct reports on Azure Functions (Flex Consumption) with Durable Functions.'

@minLength(1)
@maxLength(40)
@description('azd environment name; part of every resource name.')
param environmentName string

@description('Region for the app, storage, Key Vault and monitoring.')
param location string = resourceGroup().location

@allowed([
  'centralus'
  'eastus2'
  'eastasia'
  'westeurope'
  'westus2'
])
@description('Region for the Static Web App holding the form (only a few regions offer it).')
param staticWebAppLocation string = 'westeurope'

@description('Community name shown on the form and in emails.')
param communityName string

type committeeMember = {
  @description('Stable identifier used in recusal and assignment.')
  id: string
  name: string
  email: string
}

type contact = {
  name: string
  email: string
}

@minLength(1)
@description('Code of Conduct committee members who receive reports.')
param committeeMembers committeeMember[]

@description('People outside the committee to escalate to, for example when the whole committee is recused.')
param escalationContacts contact[] = []

@description('Text the form shows about emergencies (local emergency numbers, venue security).')
param emergencyNotice string

@description('Time to acknowledge a report, as a .NET TimeSpan (d.hh:mm:ss).')
param acknowledgeWithin string = '2.00:00:00'

@description('Time to follow up after acknowledgement, as a .NET TimeSpan.')
param followUpWithin string = '7.00:00:00'

@description('Interval of status updates to the reporter, as a .NET TimeSpan.')
param statusUpdateEvery string = '7.00:00:00'

@description('How long a closed report and its evidence are kept, as a .NET TimeSpan.')
param retentionPeriod string = '365.00:00:00'

@description('Extra HTTPS origins (scheme and host, no path) of sites that embed the form.')
param embeddingOrigins string[] = []

@description('Display name of the sender of every email.')
param mailFromName string = '${communityName} Code of Conduct committee'

@description('Sender username on the custom domain. Azure-managed domains always send as DoNotReply.')
param emailSenderUsername string = 'DoNotReply'

@description('Optional custom email domain, e.g. reports.example.org. Leave empty to send from an Azure-managed domain.')
param emailCustomDomain string = ''

@description('Send from the custom domain; set only after its DNS records have been verified.')
param sendFromCustomDomain bool = false

@allowed([
  'Africa'
  'Asia Pacific'
  'Australia'
  'Brazil'
  'Canada'
  'Europe'
  'France'
  'Germany'
  'India'
  'Japan'
  'Korea'
  'Norway'
  'Switzerland'
  'UAE'
  'UK'
  'United States'
])
@description('Where Azure Communication Services keeps email data at rest.')
param emailDataLocation string = 'Europe'

@secure()
@minLength(32)
@description('Key that signs the action links in committee emails (at least 32 characters, random). Stored only in Key Vault.')
param linkSigningKey string

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
  application: 'coc-reports'
}
var deploymentContainerName = 'app-package'

// The one identity the app uses for storage, Key Vault, App Insights and email. User-assigned so that its
// role assignments exist before the app first starts.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-coc-${token}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-coc-${token}'
    appInsightsName: 'appi-coc-${token}'
    location: location
    tags: tags
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'stcoc${token}'
    location: location
    tags: tags
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv-coc-${token}'
    location: location
    tags: tags
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    linkSigningKey: linkSigningKey
  }
}

module email 'modules/email.bicep' = {
  name: 'email'
  params: {
    communicationServiceName: 'acs-coc-${token}'
    emailServiceName: 'ecs-coc-${token}'
    tags: tags
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    dataLocation: emailDataLocation
    fromName: mailFromName
    customDomain: emailCustomDomain
    sendFromCustomDomain: sendFromCustomDomain
    senderUsername: emailSenderUsername
  }
}

module form 'modules/staticweb.bicep' = {
  name: 'form'
  params: {
    name: 'stapp-coc-${token}'
    location: staticWebAppLocation
    tags: tags
  }
}

// The API accepts browser calls from the form's own host and from every embedding site.
var allowedOrigins = union([form.outputs.origin], embeddingOrigins)

// Arrays become ASP.NET configuration keys: Section__Index__Field.
var memberSettings = toObject(
  flatten(map(range(0, length(committeeMembers)), i => [
    { key: 'Committee__Members__${i}__Id', value: committeeMembers[i].id }
    { key: 'Committee__Members__${i}__Name', value: committeeMembers[i].name }
    { key: 'Committee__Members__${i}__Email', value: committeeMembers[i].email }
  ])),
  e => e.key,
  e => e.value
)
var escalationSettings = toObject(
  flatten(map(range(0, length(escalationContacts)), i => [
    { key: 'Committee__EscalationContacts__${i}__Name', value: escalationContacts[i].name }
    { key: 'Committee__EscalationContacts__${i}__Email', value: escalationContacts[i].email }
  ])),
  e => e.key,
  e => e.value
)
var originSettings = toObject(range(0, length(allowedOrigins)), i => 'Form__AllowedOrigins__${i}', i => allowedOrigins[i])

var appSettings = union(memberSettings, escalationSettings, originSettings, {
  Community__Name: communityName
  Form__EmergencyNotice: emergencyNotice
  Workflow__AcknowledgeWithin: acknowledgeWithin
  Workflow__FollowUpWithin: followUpWithin
  Workflow__StatusUpdateEvery: statusUpdateEvery
  Workflow__RetentionPeriod: retentionPeriod
  // Resolved by the platform with the identity named in keyVaultReferenceIdentity; the app sees only the value.
  Links__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.signingKeySecretUri})'
  Mail__Transport: 'Acs'
  Mail__FromAddress: email.outputs.senderAddress
  Mail__FromName: mailFromName
  Mail__Acs__Endpoint: email.outputs.endpoint
  Mail__Acs__ClientId: identity.properties.clientId
  Storage__BlobServiceUri: storage.outputs.blobEndpoint
  Storage__TableServiceUri: storage.outputs.tableEndpoint
  Storage__ClientId: identity.properties.clientId
})

module api 'modules/functionapp.bicep' = {
  name: 'api'
  params: {
    planName: 'plan-coc-${token}'
    appName: 'func-coc-${token}'
    location: location
    tags: tags
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    allowedOrigins: allowedOrigins
    appSettings: appSettings
  }
}

output AZURE_LOCATION string = location
output FORM_URL string = form.outputs.origin
output API_URL string = api.outputs.url
output MAIL_FROM_ADDRESS string = email.outputs.senderAddress
output EMBED_SNIPPET string = '<script src="${form.outputs.origin}/coc-report-form.js" defer></script><coc-report-form api="${api.outputs.url}/api"></coc-report-form>'
