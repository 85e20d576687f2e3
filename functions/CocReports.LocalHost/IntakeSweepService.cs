using CocReports.Api.Intake;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Options;

namespace CocReports.LocalHost;

/// <summary>The local host's timer for <see cref="IntakeSweep"/>, as the Functions app's timer trigger is in Azure.</summary>
sealed class IntakeSweepService(IntakeSweep sweep, ICaseWorkflow workflows, IOptions<IntakeOptions> options, ILogger<IntakeSweepService> log)
    : PeriodicService(options.Value.SweepEvery, log)
{
    protected override string Name => "The intake sweep";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunAsync(workflows, cancellationToken);
}
