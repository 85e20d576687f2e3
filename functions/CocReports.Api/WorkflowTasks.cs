using CocReports.Procedure.Activities;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask;

namespace CocReports.Api;

/// <summary>The orchestrator and activities, registered by name for the Durable Task worker of the local host.</summary>
public static class WorkflowTasks
{
    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<ReportWorkflow>();
        registry.AddActivity<Announce>();
        registry.AddActivity<FindAudience>();
        registry.AddActivity<NotifyMember>();
        registry.AddActivity<NotifyEscalationContact>();
        registry.AddActivity<NotifyReporter>();
        registry.AddActivity<NotifyReportedPerson>();
        registry.AddActivity<RecordStep>();
        registry.AddActivity<PurgeEvidence>();
        registry.AddActivity<KeepForLaterReport>();
    }
}
