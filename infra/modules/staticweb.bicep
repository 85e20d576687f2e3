// Hosts the embeddable report form (static files) over HTTPS on a free Static Web App.
param name string

@description('Static Web Apps exist in a few regions only; the content is served from a global edge anyway.')
param location string
param tags object

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  // azd deploys the "web" service of azure.yaml (the prepared form) to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output origin string = 'https://${site.properties.defaultHostname}'
