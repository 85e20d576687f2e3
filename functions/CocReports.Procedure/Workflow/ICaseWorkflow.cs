namespace CocReports.Procedure.Workflow;

/// <summary>
/// The engine that runs each report's <see cref="ReportWorkflow"/>, as the doors and the case desk see it: start it,
/// tell it what happened on the case, ask where it stands. One adapter speaks to the durable engine; the hosts make it
/// from the engine's client at their edge.
/// </summary>
public interface ICaseWorkflow
{
    /// <summary>Starts the report's workflow; a start that finds it already started changes nothing.</summary>
    Task StartAsync(CaseProgress progress, CancellationToken cancellationToken);

    /// <summary>Raises <paramref name="happened"/> to the report's workflow.</summary>
    Task TellAsync(string reference, CaseEvent happened, CancellationToken cancellationToken);

    Task<CaseWorkflowState> StateAsync(string reference, CancellationToken cancellationToken);
}

/// <summary>Where a report's workflow stands.</summary>
public enum CaseWorkflowState
{
    NotStarted,

    /// <summary>Started and not ended: it takes events (also while pending or suspended).</summary>
    Running,

    /// <summary>Completed after its retention, or failed or terminated: no one is left to tell.</summary>
    Ended,
}
