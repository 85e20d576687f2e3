// The committee's records: the report, timeline and audit tables and the evidence container, in an account of their
// own. The app may read and write the evidence container and the tables, and nothing else here; the host's broader
// storage role stays on the host account. Shared keys are refused: every caller authenticates with Entra ID.
param name string
param location string
param tags object
@description('Resource ID of the app identity; names its role assignments deterministically.')
param identityId string
param identityPrincipalId string

@description('Container the app keeps report evidence in.')
param evidenceContainerName string

@description('Days a deleted blob or container can be restored.')
param softDeleteDays int = 7

@description('Days a previous blob version is kept; without this, versioning would keep deleted evidence forever.')
param previousVersionDays int = 7

@description('Log Analytics workspace that receives the audit trail of who read or deleted records.')
param workspaceId string

// Built-in role IDs: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// Tables are created by the app at start-up, which needs the role on the account, not on one table.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
  }
}

// Versions and soft delete undo a mistaken overwrite or delete; the lifecycle rule below bounds how long they last.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

resource evidence 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: evidenceContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Retention deletes evidence in the app; versioning turns that delete into a previous version, which this rule
// removes once the safety window passes, so a purge is final after previousVersionDays plus soft delete.
// https://learn.microsoft.com/azure/storage/blobs/lifecycle-management-overview
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-previous-versions-of-evidence'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${evidenceContainerName}/'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: previousVersionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

// Who read or deleted a report, its timeline or its evidence, and when: the app's reads and anyone granted a data role
// for an export (infra/README.md). The app's own writes are its timeline already. Categories:
// https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-storage-storageaccounts-blobservices-logs
// https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-storage-storageaccounts-tableservices-logs
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource evidenceReads 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'records-audit'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

resource tableReads 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'records-audit'
  scope: tableService
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

resource evidenceAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(evidence.id, identityId, storageBlobDataContributor)
  scope: evidence
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityId, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
