using CocReports.Procedure.Intake;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// Tells each workflow the case events it missed: an action stored while the engine was unreachable (or the host
/// stopped between storing and telling) left its event marked untold. Telling twice is harmless: the workflow takes
/// the first acknowledgment and resolution only, and each mail is sent once by its Message-ID.
/// </summary>
public sealed class CaseEventSweep(IUntoldCaseEvents untold, IOptions<IntakeOptions> options, TimeProvider clock, ILogger<CaseEventSweep> log)
{
    /// <returns>How many events were told.</returns>
    public async Task<int> RunAsync(ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var told = 0;
        await foreach (var (reference, happened) in untold.MarkedBeforeAsync(clock.GetUtcNow() - options.Value.SweepGrace, cancellationToken))
        {
            var state = await workflows.StateAsync(reference, cancellationToken);
            if (state == CaseWorkflowState.NotStarted)
            {
                // Not started yet: the intake sweep starts it, and a later sweep tells it.
                continue;
            }

            if (state == CaseWorkflowState.Running)
            {
                await workflows.TellAsync(reference, happened, cancellationToken);
                log.LogWarning("Told the workflow of report {Reference} of {Event}, which it had missed", reference, happened.Kind);
                told++;
            }
            else
            {
                // A workflow that ended (its retention done) has no one left to tell.
                log.LogWarning("Dropped the untold {Event} of report {Reference}: its workflow has ended", happened.Kind, reference);
            }

            await untold.ToldAsync(reference, happened, cancellationToken);
        }

        return told;
    }
}
