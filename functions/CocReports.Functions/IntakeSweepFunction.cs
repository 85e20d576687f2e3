using CocReports.Api.Engine;
using CocReports.Api.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CocReports.Functions;

public sealed class IntakeSweepFunction(IntakeSweep sweep)
{
    // Every five minutes, as Intake:SweepEvery's default; the schedule of a timer trigger is fixed at build time.
    [Function(nameof(IntakeSweep))]
    public Task Run(
        [TimerTrigger("0 */5 * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        sweep.RunAsync(new DurableCaseWorkflow(workflows), cancellationToken);
}
