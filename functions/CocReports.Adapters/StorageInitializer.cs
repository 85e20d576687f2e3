using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Hosting;

namespace CocReports.Adapters;

/// <summary>Creates the tables and the private evidence container at start-up, so the first report never waits on it.</summary>
sealed class StorageInitializer(StorageLayout layout) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await layout.Reports.CreateIfNotExistsAsync(cancellationToken);
        await layout.Timeline.CreateIfNotExistsAsync(cancellationToken);
        await layout.Audit.CreateIfNotExistsAsync(cancellationToken);
        await layout.RateLimits.CreateIfNotExistsAsync(cancellationToken);
        await layout.Revocations.CreateIfNotExistsAsync(cancellationToken);
        await layout.Patterns.CreateIfNotExistsAsync(cancellationToken);
        await layout.ImportFailures.CreateIfNotExistsAsync(cancellationToken);
        await layout.UntoldCaseEvents.CreateIfNotExistsAsync(cancellationToken);
        await layout.ImportedMail.CreateIfNotExistsAsync(cancellationToken);
        await layout.Passkeys.CreateIfNotExistsAsync(cancellationToken);
        await layout.PasskeyResetVouches.CreateIfNotExistsAsync(cancellationToken);

        // PublicAccessType.None: evidence is only ever streamed through the app after an access check.
        await layout.Evidence.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
