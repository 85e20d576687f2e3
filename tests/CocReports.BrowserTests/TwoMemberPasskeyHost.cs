using Microsoft.Extensions.Configuration;

namespace CocReports.BrowserTests;

/// <summary>
/// <see cref="PasskeyHost"/> with a committee of two (Alex and Sam) and one escalation contact: a passkey reset takes
/// the other member and the contact.
/// </summary>
public sealed class TwoMemberPasskeyHost : PasskeyHost
{
    protected override void ConfigureSources(IConfigurationBuilder configuration)
    {
        base.ConfigureSources(configuration);

        // The local host's appsettings.json names a third member, and a later source can only add or replace: the
        // host starts from the merged settings without her.
        var merged = ((IConfiguration)configuration).AsEnumerable()
            .Where(s => s.Value is not null && !s.Key.StartsWith("Committee:Members:2", StringComparison.OrdinalIgnoreCase))
            .ToList();
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(merged);
    }
}
