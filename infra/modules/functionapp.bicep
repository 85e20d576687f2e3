// The API and the durable workflow: a Flex Consumption app that reaches everything with its
// user-assigned identity. No keys or connection strings for storage exist anywhere.
param planName string
param appName string
param location string
param tags object

param identityId string
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerUrl string

param appInsightsConnectionString string

@description('Origins allowed to call the API from a browser: the form host and embedding sites.')
param allowedOrigins array

@description('Application settings the app reads; merged over the platform settings below.')
param appSettings object

@minValue(0)
@description('Instances kept warm for the durable group. 1: no cold start for timers and the first report; 0: pay only for executions.')
param durableAlwaysReady int

@minValue(1)
@description('Largest request body the Functions host lets through to the app, in bytes.')
param requestBodyLimitBytes int

param maximumInstanceCount int = 40
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

// siteConfig carries only what Flex Consumption accepts: ftpsState, alwaysOn, use32BitWorkerProcess, linuxFxVersion and
// the other properties listed under "Flex Consumption plan deprecations" are refused
// (https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations).
resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  // azd deploys the "api" service to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      cors: {
        allowedOrigins: allowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: durableAlwaysReady
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

var platformSettings = {
  // Identity-based host storage: the runtime, Durable Functions' queues/tables/leases all use these.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // The host refuses larger bodies before the app runs (default 100 MB), so it must sit above the app's own limit:
  // https://learn.microsoft.com/azure/azure-functions/functions-app-settings#functions_request_body_size_limit
  FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: string(requestBodyLimitBytes)
  // Action links in committee mail point back at this app.
  Links__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
}

// No FTP or SCM (Kudu) basic-auth publishing credentials: a username and password that can replace the app's code
// would be one more secret to leak, and azd does not use them: it publishes to Flex Consumption's /api/publish with the
// deployer's Entra token (Azure/azure-dev cli/azd/pkg/azsdk/funcapp_host_client.go, an ARM pipeline with the credential).
// https://learn.microsoft.com/azure/templates/microsoft.web/sites/basicpublishingcredentialspolicies
resource noFtpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource noScmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// A separate resource because the public base URL needs the app's own host name.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(platformSettings, appSettings)
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
