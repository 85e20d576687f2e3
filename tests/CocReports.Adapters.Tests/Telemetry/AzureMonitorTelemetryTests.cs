using Azure.Identity;
using CocReports.Adapters.Telemetry;

namespace CocReports.Adapters.Tests.Telemetry;

public sealed class AzureMonitorTelemetryTests
{
    [Theory]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD")]
    [InlineData(" Authorization = AAD ; ClientId = 00000000-0000-0000-0000-000000000001 ")]
    [InlineData("Authorization=AAD")]
    public void The_exporter_signs_in_as_the_managed_identity_the_authentication_string_names(string authenticationString)
    {
        // The template writes the host's own setting; the worker reads the same one, so both sign in alike.
        Assert.IsType<ManagedIdentityCredential>(AzureMonitorTelemetry.Credential(authenticationString));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001")]
    public void Without_entra_authorization_the_exporter_uses_the_connection_string_alone(string? authenticationString)
    {
        Assert.Null(AzureMonitorTelemetry.Credential(authenticationString));
    }
}
