// Holds the keys that sign the committee's action links and the key that keys what the app records. RBAC mode: access is by role, not access policy.
param name string
param location string
param tags object
@description('Resource ID of the app identity; names its role assignments deterministically.')
param identityId string
param identityPrincipalId string

@secure()
@description('Key that signs action links in committee emails.')
param linkSigningKey string

// ARM checks this bound when the module deploys, so a key the app would refuse stops the deployment instead.
@minValue(32)
@description('Bytes the signing key decodes to from base64 (0 when it is not base64); the app needs at least 32.')
param linkSigningKeyBytes int

@description('Whether a key from before the last rotation is given, so links signed with it keep working.')
param hasPreviousKey bool

@secure()
@description('The key before the last rotation; empty when there is none.')
param previousLinkSigningKey string

@minValue(32)
@description('Bytes the previous key decodes to (0 when it is not base64); 32 is passed when there is no previous key.')
param previousLinkSigningKeyBytes int

@secure()
@description('Key that keys what the app records (pattern hashes, references); never rotated.')
param recordKey string

@minValue(32)
@description('Bytes the record key decodes to from base64 (0 when it is not base64); the app needs at least 32.')
param recordKeyBytes int

@description('Whether the conduct mailbox\'s password is given.')
param hasConductImapPassword bool = false

@secure()
@description('Password of the conduct mailbox; empty when the mailbox is not polled with a password.')
param conductImapPassword string = ''

@description('Whether the conduct mailbox\'s Microsoft 365 client secret is given.')
param hasConductImapClientSecret bool = false

@secure()
@description('Client secret of the app registration that reads the conduct mailbox; empty when the mailbox does not sign in to Microsoft 365.')
param conductImapClientSecret string = ''

@description('Whether the inbound-mail webhook\'s shared secret is given.')
param hasInboundMailWebhookSecret bool = false

@secure()
@description('Shared secret of the inbound-mail webhook; empty when the webhook is not used.')
param inboundMailWebhookSecret string = ''

@description('Purge protection keeps a deleted vault, and with it the signing key, recoverable for the retention period. It cannot be turned off again.')
param purgeProtection bool

// Built-in role ID: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Once on it cannot be switched off, so "off" leaves the property out rather than sending false:
    // https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-signing-key'
  properties: {
    value: linkSigningKey
    contentType: 'base64, ${linkSigningKeyBytes} bytes'
  }
}

resource previousSigningKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (hasPreviousKey) {
  parent: vault
  name: 'link-signing-key-previous'
  properties: {
    value: previousLinkSigningKey
    contentType: 'base64, ${previousLinkSigningKeyBytes} bytes'
  }
}

resource recordKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'record-key'
  properties: {
    value: recordKey
    contentType: 'base64, ${recordKeyBytes} bytes'
  }
}

resource imapPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (hasConductImapPassword) {
  parent: vault
  name: 'conduct-imap-password'
  properties: {
    value: conductImapPassword
  }
}

resource imapClientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (hasConductImapClientSecret) {
  parent: vault
  name: 'conduct-imap-client-secret'
  properties: {
    value: conductImapClientSecret
  }
}

resource webhookSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (hasInboundMailWebhookSecret) {
  parent: vault
  name: 'inbound-mail-webhook-secret'
  properties: {
    value: inboundMailWebhookSecret
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Versionless, so a rotated key is picked up without redeploying.
output signingKeySecretUri string = signingKey.properties.secretUri
output previousSigningKeySecretUri string = hasPreviousKey ? previousSigningKey!.properties.secretUri : ''
output recordKeySecretUri string = recordKeySecret.properties.secretUri
output imapLoginSecretUri string = hasConductImapPassword ? imapPassword!.properties.secretUri : ''
output imapClientSecretUri string = hasConductImapClientSecret ? imapClientSecret!.properties.secretUri : ''
output webhookKeySecretUri string = hasInboundMailWebhookSecret ? webhookSecret!.properties.secretUri : ''
