using CocReports.Procedure.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CocReports.Functions;

/// <summary>The report's orchestration. Class-based registration needs a source generator that isn't served here, so this one line runs the shared orchestrator.</summary>
public static class ReportWorkflowFunction
{
    [Function(nameof(ReportWorkflow))]
    public static Task<CaseProgress> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReportWorkflow().RunAsync(context, context.GetInput<CaseProgress>()!);
}
