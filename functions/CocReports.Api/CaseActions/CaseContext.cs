using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask.Client;

namespace CocReports.Api.CaseActions;

/// <summary>What an action acts on, once the link and the member's access were checked.</summary>
/// <param name="Messages">What was sent on this case so far: follow-ups, updates, questions, answers.</param>
public sealed record CaseContext(Report Report, CaseState State, IReadOnlyList<CaseMessage> Messages, string MemberId, string MemberName, DateTimeOffset Now, DurableTaskClient Workflows)
{
    public string Reference => Report.Reference;

    /// <summary>Tells the report's workflow what happened; it mails whoever must hear of it.</summary>
    public Task RaiseAsync(CaseEventKind kind, CancellationToken cancellationToken, string? messageId = null, DateTimeOffset? nextUpdateBy = null) =>
        Workflows.RaiseEventAsync(Report.InstanceId, CaseEvent.Name, new CaseEvent(kind, MemberId, Now, messageId, nextUpdateBy), cancellationToken);

    public static string NewMessageId() => Guid.NewGuid().ToString("N")[..12];
}
