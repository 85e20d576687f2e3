namespace CocReports.Procedure.Workflow;

/// <summary>
/// Something a committee member did, raised to the report's orchestration. One event name for every kind, so the
/// orchestrator keeps a single outstanding wait and no event can land on a stale one.
/// </summary>
public sealed record CaseEvent(CaseEventKind Kind, string MemberId, DateTimeOffset At)
{
    public const string Name = "CaseEvent";
}

public enum CaseEventKind
{
    Acknowledged,
}
