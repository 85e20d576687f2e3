using CocReports.Procedure.Activities;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace CocReports.Functions;

/// <summary>The workflow's activities, each delegating to the shared activity class.</summary>
public sealed class WorkflowActivityFunctions(
    Announce announce,
    FindAudience findAudience,
    NotifyMember notifyMember,
    NotifyEscalationContact notifyEscalationContact,
    NotifyReporter notifyReporter,
    NotifyReportedPerson notifyReportedPerson,
    RecordStep recordStep,
    PurgeEvidence purgeEvidence,
    KeepForLaterReport keepForLaterReport)
{
    [Function(nameof(Announce))]
    public Task<Unsent> Announce([ActivityTrigger] Announcement announcement) => announce.RunAsync(announcement);

    [Function(nameof(FindAudience))]
    public Task<Audience> FindAudience([ActivityTrigger] string reference) => findAudience.RunAsync(reference);

    [Function(nameof(NotifyMember))]
    public Task<bool> NotifyMember([ActivityTrigger] MemberNotice notice) => notifyMember.RunAsync(notice);

    [Function(nameof(NotifyEscalationContact))]
    public Task<bool> NotifyEscalationContact([ActivityTrigger] EscalationNotice notice) => notifyEscalationContact.RunAsync(notice);

    [Function(nameof(NotifyReporter))]
    public Task<bool> NotifyReporter([ActivityTrigger] ReporterNotice notice) => notifyReporter.RunAsync(notice);

    [Function(nameof(NotifyReportedPerson))]
    public Task<bool> NotifyReportedPerson([ActivityTrigger] ReportedPersonNotice notice) => notifyReportedPerson.RunAsync(notice);

    [Function(nameof(RecordStep))]
    public Task<bool> RecordStep([ActivityTrigger] StepRecord record) => recordStep.RunAsync(record);

    [Function(nameof(PurgeEvidence))]
    public Task<int> PurgeEvidence([ActivityTrigger] string reference) => purgeEvidence.RunAsync(reference);

    [Function(nameof(KeepForLaterReport))]
    public Task<bool> KeepForLaterReport([ActivityTrigger] string reference) => keepForLaterReport.RunAsync(reference);
}
