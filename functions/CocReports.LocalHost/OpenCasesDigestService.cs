using CocReports.Api.OpenCases;
using CocReports.Procedure.OpenCases;
using Microsoft.Extensions.Options;

namespace CocReports.LocalHost;

/// <summary>The local host's timer for <see cref="OpenCasesDigest"/>, as the Functions app's hourly timer trigger is in Azure.</summary>
sealed class OpenCasesDigestService(OpenCasesDigest digest, IOptions<OpenCasesOptions> options, ILogger<OpenCasesDigestService> log)
    : PeriodicService(options.Value.CheckEvery, log)
{
    protected override string Name => "The weekly digest";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => digest.RunAsync(cancellationToken);
}
