// CocReports: a Code of Conduct report form, its API and the committee's durable workflow.
// Everything authenticates with one user-assigned managed identity; no secret leaves Key Vault.
targetScope = 'resourceGroup'

metadata description = 'CocReports: Code of Conduct reports on Azure Functions (Flex Consumption) with Durable Functions.'

import { base64KeyBytes } from 'modules/keyform.bicep'

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

@description('Community name shown on the form and in emails. No default: azd asks unless COMMUNITY_NAME is set.')
param communityName string

type committeeMember = {
  @description('Stable identifier used in recusal and assignment.')
  id: string
  name: string
  email: string
  @description('Optional OpenPGP public key, best as one line: gpg --export --export-options export-minimal KEYID | base64 -w0. Mail to this member is then encrypted and carries the whole report.')
  openPgpPublicKey: string?
  @description('Optional pager paged beside the mail when a report is urgent: an ntfy topic URL, or a Slack or Discord webhook of this member\'s own. A secret.')
  pager: string?
  @description('What the pager takes: Text (ntfy), Slack or Discord.')
  pagerFormat: ('Text' | 'Slack' | 'Discord')?
}

type contact = {
  name: string
  email: string
  @description('Optional OpenPGP public key, as for committee members.')
  openPgpPublicKey: string?
}

@minLength(1)
@description('Code of Conduct committee members who receive reports (JSON array; azd env COMMITTEE_MEMBERS).')
param committeeMembers committeeMember[]

@description('People outside the committee told when a promise is overdue or the whole committee is recused (JSON array, may be []; azd env ESCALATION_CONTACTS).')
param escalationContacts contact[]

@description('How much of a report committee email carries: None (reference, urgency, door, link), Summary (also the reporter\'s choices, no text they typed) or Full (everything). Members with an OpenPGP key get Full, encrypted. azd env NOTIFICATION_CONTENT.')
@allowed(['None', 'Summary', 'Full'])
param notificationContent string = 'None'

@description('Committee members\' passkeys: Off (links alone, as before), Offered (a member who added one needs it with every link) or Required (every member adds one before seeing a case). azd env PASSKEYS.')
@allowed(['Off', 'Offered', 'Required'])
param passkeys string = 'Offered'

@description('Whether each member gets a weekly email listing their open cases and the promises due that week (no report content; nothing when nothing is open). azd env WEEKLY_DIGEST.')
param weeklyDigest bool = true

@description('The day of the weekly digest. azd env DIGEST_DAY.')
@allowed(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
param digestDay string = 'Monday'

@description('The time of day (UTC, HH:mm) of the weekly digest. azd env DIGEST_AT.')
param digestAt string = '08:00'

@description('Text the form shows about emergencies (local emergency numbers, venue security).')
param emergencyNotice string

@description('The promises the community makes: Chaoss (acknowledged within 48 hours, followed up within a week) or EuDirective (the EU Whistleblower Directive: within 7 days, and within 3 months). azd env CLOCK_PROFILE.')
@allowed(['Chaoss', 'EuDirective'])
param clockProfile string = 'Chaoss'

@description('Time to acknowledge a report, as a .NET TimeSpan (d.hh:mm:ss); empty for the clock profile\'s.')
param acknowledgeWithin string = ''

@description('Time to follow up after receipt, as a .NET TimeSpan; empty for the clock profile\'s.')
param followUpWithin string = ''

@description('Interval of status updates to the reporter, as a .NET TimeSpan.')
param statusUpdateEvery string = '7.00:00:00'

@description('How long a closed report and its evidence are kept, as a .NET TimeSpan.')
param retentionPeriod string = '365.00:00:00'

@description('HTTPS origins (scheme and host, no path) of the sites that embed the form; may be []. Without them browsers refuse the form on those sites (azd env EMBEDDING_ORIGINS).')
param embeddingOrigins string[]

@description('Display name of the sender of every email; empty: "<community name> Code of Conduct committee".')
param mailFromName string = ''

@description('Sender username on the custom domain, used only with emailRaisedLimitsGranted. Azure-managed domains always send as DoNotReply.')
param emailSenderUsername string = 'DoNotReply'

@description('Set once Microsoft has raised the custom domain\'s sending limits: only then may it send as emailSenderUsername with mailFromName (azd env EMAIL_RAISED_LIMITS_GRANTED).')
param emailRaisedLimitsGranted bool = false

@description('Custom email domain, e.g. reports.example.org: the production path (see infra/README.md). Leave empty to send from an Azure-managed domain.')
param emailCustomDomain string = ''

@description('Send from the custom domain; set only after its DNS records (output EMAIL_DNS_RECORDS) have been verified.')
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

@description('Addresses the operational alerts go to; empty: the escalation contacts, or without them the committee members.')
param alertEmails string[] = []

@minValue(0)
@description('Always-ready instances for the durable group: 1 avoids cold starts and is billed around the clock; 0 bills only executions.')
param durableAlwaysReady int = 1

@minValue(1)
@description('Largest report the app accepts, in bytes (Intake:MaxReportBytes). The Functions host limit is set above it.')
param maxReportBytes int = 104857600

@description('Key Vault purge protection. Turn off only for throw-away environments: once on, it stays on.')
param keyVaultPurgeProtection bool = true

// azd generates this once (64 characters of [A-Za-z0-9], i.e. base64 for 48 bytes) and keeps it in the environment's
// config, so re-deployments keep the key and old links keep working:
// https://learn.microsoft.com/azure/developer/azure-developer-cli/metadata#generate
@secure()
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 64
      noSpecial: true
    }
  }
})
@description('Base64 key (at least 32 bytes) that signs the action links in committee emails. Stored only in Key Vault.')
param linkSigningKey string

@secure()
@description('The signing key before the last rotation, so links it signed keep working until they expire; empty if none.')
param previousLinkSigningKey string = ''

// Generated like the signing key, and kept through every rotation of it: pattern hashes and references of submissions
// are keyed by it, so a new value would stop old reports matching and turn retries into new reports (infra/README.md).
@secure()
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 64
      noSpecial: true
    }
  }
})
@description('Base64 key (at least 32 bytes) that keys what the app records (pattern hashes, references). Never rotated. Stored only in Key Vault.')
param recordKey string

// Empty for a new deployment, whose audit chain is keyed from its first entry: no plain-hash link then verifies.
@description('Only for a deployment whose audit trails began before the chain was keyed: when it first ran a keyed version (ISO 8601, UTC). Empty: always keyed.')
param auditKeyedSince string = ''

@description('The committee\'s address reporters write to (e.g. conduct@example.org); empty: no email door.')
param conductAddress string = ''

@description('IMAP host of the conduct mailbox (imap.gmail.com, outlook.office365.com, ...); empty: the mailbox is not polled.')
param conductImapHost string = ''

param conductImapPort int = 993

@description('Login of the conduct mailbox.')
param conductImapUserName string = ''

@allowed(['Delete', 'Keep'])
@description('What becomes of an imported message in the conduct mailbox: Delete (the stored report is the record, and goes at retention) or Keep (whoever runs the mailbox clears it).')
param conductImportedMail string = 'Delete'

@secure()
@description('Password (an app password) of the conduct mailbox. Stored only in Key Vault.')
param conductImapPassword string = ''

// Microsoft 365 turned basic authentication off, and a static OAuth2 token expires within hours. Microsoft documents
// the client credentials flow of an app registration for unattended IMAP (not a managed identity):
// https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
@allowed(['Password', 'Microsoft365'])
@description('How the app signs in to the conduct mailbox: Password, or Microsoft365 (an app registration asks Entra ID for a new token on each poll).')
param conductImapSignIn string = 'Password'

@description('With Microsoft365: the Entra ID tenant of the mailbox\'s app registration; empty: this subscription\'s tenant.')
param conductImapTenantId string = ''

@description('With Microsoft365: the application (client) ID of the app registration Exchange Online gave the mailbox to.')
param conductImapClientId string = ''

@secure()
@description('With Microsoft365: the app registration\'s client secret. Stored only in Key Vault.')
param conductImapClientSecret string = ''

@secure()
@description('Shared secret of the inbound-mail webhook (HMAC-SHA256 of the body). Stored only in Key Vault; empty: the webhook refuses everything.')
param inboundMailWebhookSecret string = ''

type organizer = {
  @description('Stable identifier: it names the organizer\'s personal intake link.')
  id: string
  name: string
  email: string
  event: string
  @description('As shown to the committee, e.g. "12-14 June 2027".')
  eventDates: string?
}

@description('Organizers who take reports in person at events (JSON array, may be []; azd env ORGANIZERS). Removing one revokes their link.')
param organizers organizer[] = []

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
  application: 'coc-reports'
}
var deploymentContainerName = 'app-package'
var evidenceContainerName = 'evidence'
var fromName = empty(mailFromName) ? '${communityName} Code of Conduct committee' : mailFromName

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

module records 'modules/records.bicep' = {
  name: 'records'
  params: {
    name: 'stcocrec${token}'
    location: location
    tags: tags
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    evidenceContainerName: evidenceContainerName
    workspaceId: monitoring.outputs.workspaceId
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
    workspaceId: monitoring.outputs.workspaceId
    linkSigningKey: linkSigningKey
    linkSigningKeyBytes: base64KeyBytes(linkSigningKey)
    hasPreviousKey: !empty(previousLinkSigningKey)
    previousLinkSigningKey: previousLinkSigningKey
    // Nothing to check when there is no previous key.
    previousLinkSigningKeyBytes: empty(previousLinkSigningKey) ? 32 : base64KeyBytes(previousLinkSigningKey)
    recordKey: recordKey
    recordKeyBytes: base64KeyBytes(recordKey)
    purgeProtection: keyVaultPurgeProtection
    hasConductImapPassword: !empty(conductImapPassword)
    conductImapPassword: conductImapPassword
    hasConductImapClientSecret: !empty(conductImapClientSecret)
    conductImapClientSecret: conductImapClientSecret
    hasInboundMailWebhookSecret: !empty(inboundMailWebhookSecret)
    inboundMailWebhookSecret: inboundMailWebhookSecret
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
    fromName: fromName
    customDomain: emailCustomDomain
    sendFromCustomDomain: sendFromCustomDomain
    senderUsername: emailSenderUsername
    raisedLimitsGranted: emailRaisedLimitsGranted
    workspaceId: monitoring.outputs.workspaceId
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    tags: tags
    namePrefix: 'coc-${token}'
    workspaceId: monitoring.outputs.workspaceId
    // Someone always hears of a stuck report: the operators, else the escalation contacts, else the committee
    // (never empty). Alerts carry rule names and counts, no report content.
    operatorEmails: !empty(alertEmails)
      ? alertEmails
      : !empty(escalationContacts) ? map(escalationContacts, c => c.email) : map(committeeMembers, m => m.email)
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
    { key: 'Committee__Members__${i}__OpenPgpPublicKey', value: committeeMembers[i].?openPgpPublicKey ?? '' }
    { key: 'Committee__Members__${i}__Pager', value: committeeMembers[i].?pager ?? '' }
    { key: 'Committee__Members__${i}__PagerFormat', value: committeeMembers[i].?pagerFormat ?? 'Text' }
  ])),
  e => e.key,
  e => e.value
)
var escalationSettings = toObject(
  flatten(map(range(0, length(escalationContacts)), i => [
    { key: 'Committee__EscalationContacts__${i}__Name', value: escalationContacts[i].name }
    { key: 'Committee__EscalationContacts__${i}__Email', value: escalationContacts[i].email }
    { key: 'Committee__EscalationContacts__${i}__OpenPgpPublicKey', value: escalationContacts[i].?openPgpPublicKey ?? '' }
  ])),
  e => e.key,
  e => e.value
)
var organizerSettings = toObject(
  flatten(map(range(0, length(organizers)), i => [
    { key: 'Organizers__People__${i}__Id', value: organizers[i].id }
    { key: 'Organizers__People__${i}__Name', value: organizers[i].name }
    { key: 'Organizers__People__${i}__Email', value: organizers[i].email }
    { key: 'Organizers__People__${i}__Event', value: organizers[i].event }
    { key: 'Organizers__People__${i}__EventDates', value: organizers[i].?eventDates ?? '' }
  ])),
  e => e.key,
  e => e.value
)
var originSettings = toObject(range(0, length(allowedOrigins)), i => 'Form__AllowedOrigins__${i}', i => allowedOrigins[i])

// Resolved by the platform with the identity named in keyVaultReferenceIdentity; the app sees only the value.
var previousKeySetting = empty(previousLinkSigningKey)
  ? {}
  : { Links__PreviousSigningKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.previousSigningKeySecretUri})' }

// The email doors: the mailbox password, its client secret and the webhook secret reach the app only as Key Vault references.
var mailIntakeSettings = union(
  {
    MailIntake__Address: conductAddress
    MailIntake__ImapHost: conductImapHost
    MailIntake__ImapPort: string(conductImapPort)
    MailIntake__UserName: conductImapUserName
    MailIntake__SignIn: conductImapSignIn
    MailIntake__ImportedMail: conductImportedMail
  },
  conductImapSignIn == 'Microsoft365'
    ? {
        MailIntake__TenantId: empty(conductImapTenantId) ? tenant().tenantId : conductImapTenantId
        MailIntake__ClientId: conductImapClientId
      }
    : {},
  empty(conductImapPassword)
    ? {}
    : { MailIntake__Password: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.imapLoginSecretUri})' },
  empty(conductImapClientSecret)
    ? {}
    : { MailIntake__ClientSecret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.imapClientSecretUri})' },
  empty(inboundMailWebhookSecret)
    ? {}
    : { MailIntake__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.webhookKeySecretUri})' }
)

var auditSetting = empty(auditKeyedSince) ? {} : { Audit__KeyedSince: auditKeyedSince }

// A promise left empty is the clock profile's: setting it would override the profile.
var promiseSettings = union(
  empty(acknowledgeWithin) ? {} : { Workflow__AcknowledgeWithin: acknowledgeWithin },
  empty(followUpWithin) ? {} : { Workflow__FollowUpWithin: followUpWithin }
)

var appSettings = union(memberSettings, escalationSettings, organizerSettings, originSettings, previousKeySetting, mailIntakeSettings, auditSetting, promiseSettings, {
  Community__Name: communityName
  Notifications__Content: notificationContent
  Committee__Passkeys: passkeys
  OpenCases__WeeklyDigest: string(weeklyDigest)
  OpenCases__DigestDay: digestDay
  OpenCases__DigestAt: digestAt
  Form__EmergencyNotice: emergencyNotice
  Workflow__Profile: clockProfile
  Workflow__StatusUpdateEvery: statusUpdateEvery
  Workflow__RetentionPeriod: retentionPeriod
  Intake__MaxReportBytes: string(maxReportBytes)
  Links__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.signingKeySecretUri})'
  Links__RecordKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.recordKeySecretUri})'
  Mail__Transport: 'Acs'
  Mail__FromAddress: email.outputs.senderAddress
  Mail__FromName: fromName
  Mail__Acs__Endpoint: email.outputs.endpoint
  Mail__Acs__ClientId: identity.properties.clientId
  Storage__BlobServiceUri: records.outputs.blobEndpoint
  Storage__TableServiceUri: records.outputs.tableEndpoint
  Storage__EvidenceContainer: evidenceContainerName
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
    durableAlwaysReady: durableAlwaysReady
    // The app meters evidence while it streams; like the local host, the host limit only stops bodies far beyond any
    // valid report (multipart framing and text fields come on top of the evidence).
    requestBodyLimitBytes: maxReportBytes + 67108864
  }
}

output AZURE_LOCATION string = location
output FORM_URL string = form.outputs.origin
output API_URL string = api.outputs.url
output MAIL_FROM_ADDRESS string = email.outputs.senderAddress
output EMBED_SNIPPET string = '<script src="${form.outputs.origin}/coc-report-form.js" defer></script><coc-report-form api="${api.outputs.url}/api"></coc-report-form>'
// Read by scripts/prepare-form.sh (through azure.yaml): the sites allowed to frame embed.html.
output FORM_FRAME_ANCESTORS string = join(embeddingOrigins, ' ')
// The TXT, SPF and DKIM records to create at the DNS provider for the custom email domain (empty without one).
output EMAIL_DNS_RECORDS array = email.outputs.dnsRecords
// Read by scripts/export-records.sh.
output RECORDS_STORAGE_ACCOUNT string = records.outputs.name
